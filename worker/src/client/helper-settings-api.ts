// The PWA's side of [Note: Helper settings through device records] (device-records.ts), spread into
// worker.ts's comlink `api` like pairing-api: each paired helper's settings and last status as plain
// data (with the vault folder's path resolved here, from the decrypted tree), changing a helper's
// settings, and deleting its records when it is removed. Failures leave as serialized ClientErrors.
import { ClientError, serializeClientError, toClientError } from './client-error.js';
import { DEFAULT_HELPER_SETTINGS, HELPER_SETTINGS, HELPER_STATUS, type HelperSettings, type HelperStatusRecord } from './helper-records.js';
import type { VaultCore } from './vault-core.js';
import type { VaultSession } from './vault-session.js';

export interface HelperView {
  deviceId: string;
  settings: HelperSettings;
  status: HelperStatusRecord | null;
  /** The vault folder the helper syncs (settings first, else what it reported): names from the root, or null when unknown or gone. */
  vaultFolderPath: string[] | null;
}

export type HelperSettingsPatch = Partial<Pick<HelperSettings, 'vaultFolderId' | 'paused' | 'deletions'>>;

function guard<T>(promise: Promise<T>): Promise<T> {
  return promise.catch((error: unknown) => { throw serializeClientError(toClientError(error)); });
}

export function helperView(s: VaultSession, deviceId: string): HelperView {
  const settings = (s.deviceRecords.get(HELPER_SETTINGS, deviceId)?.data as HelperSettings | undefined) ?? DEFAULT_HELPER_SETTINGS;
  const status = (s.deviceRecords.get(HELPER_STATUS, deviceId)?.data as HelperStatusRecord | undefined) ?? null;
  return { deviceId, settings, status, vaultFolderPath: s.tree.livePath(settings.vaultFolderId ?? status?.vaultFolderId ?? null) };
}

/** Every device with helper records, as this session last pulled them (`refresh` pulls first). */
export async function helperViews(core: VaultCore, options: { refresh?: boolean } = {}): Promise<HelperView[]> {
  return core.withSession(async (s) => {
    if (options.refresh) await s.refresh();
    const ids = new Set(s.deviceRecords.list().map((r) => r.deviceId));
    return [...ids].map((id) => helperView(s, id));
  });
}

export function setHelperSettings(core: VaultCore, deviceId: string, patch: HelperSettingsPatch, now: () => number = Date.now): Promise<HelperView> {
  return core.withSession(async (s) => {
    if (patch.vaultFolderId && (!s.tree.nodes.has(patch.vaultFolderId) || s.tree.get(patch.vaultFolderId).body.type !== 'folder' || s.tree.inTrash(patch.vaultFolderId))) {
      throw new ClientError('not-found', 'That folder is no longer in the vault; choose another.', { nodeId: patch.vaultFolderId });
    }
    await s.deviceRecords.write<HelperSettings>(HELPER_SETTINGS, deviceId, (current) => ({ ...(current ?? DEFAULT_HELPER_SETTINGS), ...patch, updatedAt: now() }));
    return helperView(s, deviceId);
  });
}

export function helperSettingsApi(core: VaultCore) {
  return {
    helperStates: (options?: { refresh?: boolean }) => guard(helperViews(core, options)),
    setHelperSettings: (deviceId: string, patch: HelperSettingsPatch) => guard(setHelperSettings(core, deviceId, patch)),
    /** After the device was revoked: its settings and status records go too. */
    forgetHelper: (deviceId: string) => guard(core.withSession((s) => s.deviceRecords.removeDevice(deviceId))),
  };
}
