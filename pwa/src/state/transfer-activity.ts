// Whether an upload, a download or an offline copy is running in this tab, for the update prompt: a
// reload would cut it ([Note: Updates are a prompt] in pwa/src/sw/sw.ts). `trackTransfers` wraps the
// clients so every transfer call is counted from its start until it settles, a streamed download until
// the browser has read it all; no component has to remember to report.
import type { AppClients } from '../data/create-vault-client.js';
import type { DownloadLink, VaultClient } from './vault-client.js';
import type { ShareClient } from './share-client.js';
import type { DropClient } from './drop-client.js';

export class TransferActivity {
  private running = 0;
  private readonly listeners = new Set<(busy: boolean) => void>();

  get busy(): boolean { return this.running > 0; }
  get count(): number { return this.running; }

  onChange(listener: (busy: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Counts `work` as running until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    this.change(1);
    const done = () => this.change(-1);
    work.then(done, done);
    return work;
  }

  private change(by: number): void {
    const wasBusy = this.busy;
    this.running += by;
    if (wasBusy !== this.busy) for (const listener of this.listeners) listener(this.busy);
  }
}

/** A view of `target` whose methods named in `counted` are tracked; `after` may track what they resolve to. */
function counting<T extends object>(target: T, counted: readonly (keyof T)[], activity: TransferActivity, after?: Partial<Record<keyof T, (value: unknown) => void>>): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (!counted.includes(property as keyof T)) return method.bind(object);
      return (...args: unknown[]) => {
        const result = activity.track(Promise.resolve(method.apply(object, args)));
        const follow = after?.[property as keyof T];
        return follow ? result.then((v) => { follow(v); return v; }) : result;
      };
    },
  });
}

export function trackVaultClient(client: VaultClient, activity: TransferActivity): VaultClient {
  return counting(client, ['upload', 'resumeUploads', 'downloadTo', 'setAvailableOffline'], activity, {
    // A streamed link's bytes flow only as the browser reads it: the transfer runs until `finished`.
    downloadTo: (link) => { const finished = (link as DownloadLink | null)?.finished; if (finished) void activity.track(finished).catch(() => undefined); },
  });
}

export function trackTransfers(clients: AppClients, activity: TransferActivity): AppClients {
  return {
    ...clients,
    vault: trackVaultClient(clients.vault, activity),
    shares: counting<ShareClient>(clients.shares, ['save'], activity),
    drops: counting<DropClient>(clients.drops, ['send'], activity),
  };
}
