// The helper's side of [Note: Helper settings through device records] (worker/src/client/device-records.ts):
// reads the settings the PWA wrote for this device, says when they change (the relay's live events pull
// them), and writes this helper's status record from the local status (coalesced: one write in flight,
// a newer status replaces a waiting one, an unchanged one is not written again).
import { DEFAULT_HELPER_SETTINGS, HELPER_SETTINGS, HELPER_STATUS, MAX_STATUS_DELETIONS, MAX_STATUS_ERRORS, type HelperSettings, type HelperStatusRecord, type HelperSyncState } from '../../worker/src/client/helper-records.js';
import { toClientError } from '../../worker/src/client/client-error.js';
import type { VaultCore } from '../../worker/src/client/vault-core.js';
import type { LogFile } from './log-file.js';
import type { HelperStatus } from './status-file.js';

export class HelperRemote {
  private writing: Promise<void> | null = null;
  private next: HelperStatusRecord | null = null;
  private lastWritten = '';
  private failing = false;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly core: VaultCore, private readonly deviceId: string, private readonly version: string, private readonly log: LogFile) {}

  /** Calls `onChange` whenever this session's device records change; call again after a new unlock. */
  async watch(onChange: () => void): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = await this.core.withSession(async (s) => s.deviceRecords.onChange(onChange));
  }

  settings(): Promise<HelperSettings> {
    return this.core.withSession(async (s) => (s.deviceRecords.get(HELPER_SETTINGS, this.deviceId)?.data as HelperSettings | undefined) ?? DEFAULT_HELPER_SETTINGS);
  }

  /** The vault folder's path from the root ("Photos/2024"), or null when it is gone or trashed. */
  folderPath(id: string): Promise<string | null> {
    return this.core.withSession(async (s) => s.tree.nodes.has(id) && !s.tree.inTrash(id) && s.tree.get(id).body.type === 'folder' ? s.tree.pathOf(id).join('/') : null);
  }

  publish(status: HelperStatus): void {
    this.next = toRecord(status, this.version);
    if (!this.writing) this.writing = this.drain().finally(() => { this.writing = null; });
  }

  /** Waits for the writes asked for so far. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private async drain(): Promise<void> {
    while (this.next) {
      const record = this.next;
      this.next = null;
      const key = JSON.stringify({ ...record, updatedAt: 0 });
      if (key === this.lastWritten) continue;
      try {
        await this.core.withSession((s) => s.deviceRecords.write<HelperStatusRecord>(HELPER_STATUS, this.deviceId, () => record));
        this.lastWritten = key;
        if (this.failing) this.log.info('The status shown in the browser is up to date again.');
        this.failing = false;
      } catch (error) {
        // Offline or locked: the next status after a pass tries again.
        if (!this.failing) this.log.warn(`The status could not be sent to the browser: ${toClientError(error).message}`);
        this.failing = true;
      }
    }
  }
}

function syncState(status: HelperStatus): HelperSyncState {
  return status.state === 'revoked' ? 'stopped' : status.state;
}

export function toRecord(s: HelperStatus, version: string): HelperStatusRecord {
  return {
    state: syncState(s), message: s.message, localFolder: s.folder, vaultFolderId: s.vaultFolderId,
    lastPass: s.lastPass && { startedAt: Date.parse(s.lastPass.startedAt), finishedAt: Date.parse(s.lastPass.finishedAt), status: s.lastPass.status, counts: s.lastPass.counts },
    totals: s.totals, passes: s.passes, queue: s.queue, errors: s.errors.slice(0, MAX_STATUS_ERRORS),
    pendingDeletions: s.pendingDeletions && s.pendingId
      ? { pendingId: s.pendingId, count: s.pendingDeletions.length, paths: s.pendingDeletions.slice(0, MAX_STATUS_DELETIONS) } : null,
    helperVersion: version, updatedAt: Date.parse(s.updatedAt),
  };
}

/** A stable id for one list of deletions (FNV-1a over the sorted paths), so an answer matches the pause it answers. */
export function deletionsId(paths: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of [...paths].sort().join('\n')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${paths.length}-${h.toString(16)}`;
}
