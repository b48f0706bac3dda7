// The drop feature's part of the crypto worker's comlink API ("upload from your phone", DESIGN.md §6):
// `dropApi(core)` is spread into worker.ts's exposed object. Logic-free pass-throughs like the rest of
// worker.ts: AbortSignals arrive as MessagePorts, callbacks as comlink proxies (top-level arguments
// only), errors leave as plain objects ([Note: Error kinds across the worker boundary]).
import { ClientError, serializeClientError, toClientError, type SerializedClientError } from './client-error.js';
import { DropReceiver, offerDrop, type DropOffer, type DropReceiveEvent, type DropVault } from './drop-receiver.js';
import { DropSender, type DropSendProgress, type DropSendResult, type DropState } from './drop-sender.js';
import type { FileSource } from './file-upload.js';
import type { WebSocketFactory } from './live-events.js';
import type { VaultCore } from './vault-core.js';
import type { VaultSession } from './vault-session.js';

/*
 * [Note: Reaching the vault from the drop feature]
 * Placing an arrived file writes a node in the unlocked tree, which only VaultCore's session holds:
 * VaultCore.withSession runs the write there (rejecting with `locked` when there is none), and the
 * change log is pulled after it, so the page gets its `nodes` event and the file shows at once.
 */
function vaultOf(core: VaultCore): DropVault {
  return {
    api: core.api,
    change: <T>(op: (s: VaultSession) => Promise<T>) => core.withSession(async (s) => {
      try {
        return await op(s);
      } finally {
        await s.refresh().catch(() => undefined);
      }
    }),
  };
}

export type WireDropEvent =
  | Exclude<DropReceiveEvent, { type: 'problem' }>
  | { type: 'problem'; error: SerializedClientError };
export type WireDropProgress = Omit<DropSendProgress, 'error'> & { error?: SerializedClientError };
export interface WireDropSendResult extends Omit<DropSendResult, 'failed'> { failed: { index: number; error: SerializedClientError }[] }
export type { DropOffer, DropState };

function guard<T>(promise: Promise<T>): Promise<T> {
  return promise.catch((error: unknown) => { throw serializeClientError(toClientError(error)); });
}

function signalFrom(port: MessagePort | undefined): AbortSignal | undefined {
  if (!port) return undefined;
  const controller = new AbortController();
  port.onmessage = () => { controller.abort(new DOMException('Cancelled by the user.', 'AbortError')); port.close(); };
  return controller.signal;
}

export function dropApi(core: VaultCore, webSocket: WebSocketFactory | null) {
  const vault = vaultOf(core);
  const receivers = new Map<string, DropReceiver>();
  const sender = new DropSender({ baseUrl: core.api.baseUrl });
  const receiver = (dropId: string) => {
    const r = receivers.get(dropId);
    if (!r) throw new ClientError('not-found', 'That drop is no longer being received here; make a new code.');
    return r;
  };
  return {
    // ---- the desktop: receive into a folder ----
    /** Makes a drop into `folderId` and starts receiving; `listener` (a comlink proxy) hears every arrival. */
    dropReceive: (folderId: string, options: { label?: string; expiresInSeconds?: number; sizeCap?: number }, listener: (event: WireDropEvent) => void): Promise<DropOffer> =>
      guard((async () => {
        const { offer, dropKey } = await offerDrop(vault, folderId, options);
        const r = new DropReceiver(vault, offer.dropId, dropKey, folderId, (event) => {
          if (event.type === 'closed') receivers.delete(offer.dropId);
          void listener(event.type === 'problem' ? { type: 'problem', error: serializeClientError(event.error) } : event);
        }, webSocket);
        receivers.set(offer.dropId, r);
        r.start();
        return offer;
      })()),
    /** Places whatever arrived, then closes the drop (or deletes it when nothing came). */
    dropFinish: (dropId: string): Promise<number> => guard((async () => {
      const r = receivers.get(dropId);
      if (!r) return 0; // already closed by a complete batch
      const received = await r.finish(); // on failure it keeps receiving, to place the rest later
      r.stop();
      receivers.delete(dropId);
      return received;
    })()),
    /** Looks at the items now (the page's "check again"). */
    dropRefresh: (dropId: string): Promise<void> => guard(Promise.resolve().then(() => receiver(dropId).pull())),

    // ---- the phone: send to a drop ----
    dropOpen: (dropId: string, secret: string): Promise<DropState> => guard(sender.open(dropId, secret)),
    dropState: (dropId: string): Promise<DropState> => guard(sender.state(dropId)),
    dropSend: (dropId: string, files: FileSource[], options: { abort?: MessagePort }, onProgress?: (p: WireDropProgress) => void): Promise<WireDropSendResult> =>
      guard(sender.send(dropId, files, {
        signal: signalFrom(options.abort),
        onProgress: onProgress && ((p) => void onProgress({ ...p, error: p.error && serializeClientError(p.error) })),
      }).then((r) => ({ ...r, failed: r.failed.map((f) => ({ index: f.index, error: serializeClientError(f.error) })) }))),
  };
}

export type DropWorkerApi = ReturnType<typeof dropApi>;
