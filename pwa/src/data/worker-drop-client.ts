// The main-thread DropClient (pwa/src/state/drop-client.ts) over the crypto worker's drop calls
// (worker/src/client/drop-api.ts). Like worker-vault-client.ts it only translates: abort signals to
// ports, callbacks to comlink proxies, worker failures to VaultErrors; and it builds the link from the
// page's origin and the secret, which goes nowhere but the fragment.
import * as Comlink from 'comlink';
import type { DropWorkerApi, WireDropEvent, WireDropProgress } from '../../../worker/src/client/drop-api.js';
import type { DropClient, DropOffer, DropReceiveEvent, DropSendProgress, DropSendResult, DropState } from '../state/drop-client.js';
import type { NodeId } from '../state/vault-client.js';
import { vaultError } from '../state/vault-error.js';
import { call, fromWorkerError } from './worker-error.js';

export class WorkerDropClient implements DropClient {
  constructor(private readonly worker: Comlink.Remote<DropWorkerApi>) {}

  async receive(folderId: NodeId, options: { readonly label?: string; readonly expiresInSeconds?: number }, onEvent: (event: DropReceiveEvent) => void): Promise<DropOffer> {
    const listener = Comlink.proxy((e: WireDropEvent) => onEvent(e.type === 'problem' ? { type: 'problem', error: fromWorkerError(e.error) } : e));
    const offer = await call(this.worker.dropReceive(folderId, { ...options }, listener));
    return { dropId: offer.dropId, link: `${location.origin}/d/${offer.dropId}#${offer.secret}`, expiresAt: offer.expiresAt, sizeCap: offer.sizeCap };
  }

  finish(dropId: string): Promise<number> { return call(this.worker.dropFinish(dropId)); }

  open(dropId: string, secret: string): Promise<DropState> { return call(this.worker.dropOpen(dropId, secret) as Promise<DropState>); }

  state(dropId: string): Promise<DropState> { return call(this.worker.dropState(dropId) as Promise<DropState>); }

  async send(dropId: string, files: readonly File[], options: { readonly onProgress?: (p: DropSendProgress) => void; readonly signal?: AbortSignal }): Promise<DropSendResult> {
    if (options.signal?.aborted) throw vaultError('cancelled');
    const channel = options.signal ? new MessageChannel() : null;
    options.signal?.addEventListener('abort', () => { channel?.port1.postMessage('abort'); channel?.port1.close(); }, { once: true });
    const onProgress = options.onProgress;
    const progress = onProgress && Comlink.proxy((p: WireDropProgress) => onProgress({ ...p, error: p.error && fromWorkerError(p.error) }));
    const wireOptions = channel ? Comlink.transfer({ abort: channel.port2 }, [channel.port2]) : {};
    const result = await call(this.worker.dropSend(dropId, [...files], wireOptions, progress));
    return { ...result, failed: result.failed.map((f) => ({ index: f.index, error: fromWorkerError(f.error) })) };
  }
}
