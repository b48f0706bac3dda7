// The seam between the UI and drops, "upload from your phone" (DESIGN.md §6): the `DropClient` the
// desktop's receive dialog and the phone's drop page use, and the types that cross it. Types only, like
// vault-client.ts. Every method rejects with a VaultError (describeError words it); a drop the relay
// refuses (closed, expired, unknown) is a `DropState`, not an error, so the phone page can say which.
import type { NodeId, VaultError } from './vault-client.js';

/** A drop being received on this desktop. The link holds the secret: show it, never log or store it. */
export interface DropOffer {
  readonly dropId: string;
  /** `https://HOST/d/<dropId>#<secret>`. */
  readonly link: string;
  /** ms since the epoch. */
  readonly expiresAt: number;
  readonly sizeCap: number;
}

export type DropReceiveEvent =
  /** A file arrived and is now in the folder (`received` counts them so far). */
  | { readonly type: 'arrived'; readonly name: string; readonly size: number; readonly nodeId: NodeId; readonly received: number }
  /** The drop is closed: `complete` when the phone's batch was all placed, false when the user ended it. */
  | { readonly type: 'closed'; readonly received: number; readonly complete: boolean }
  | { readonly type: 'problem'; readonly error: VaultError };

/** What the phone page can do with a drop. */
export type DropState =
  | { readonly state: 'open'; readonly expiresAt: number; readonly sizeCap: number; readonly bytesUsed: number; readonly label: string | null }
  | { readonly state: 'expired' }
  /** Closed by the desktop: after this phone sent its files, it means the desktop has them. */
  | { readonly state: 'closed' }
  | { readonly state: 'not-found' };

export interface DropSendProgress {
  readonly index: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly phase: 'queued' | 'uploading' | 'done' | 'failed';
  readonly error?: VaultError;
}

export interface DropSendResult {
  readonly sent: readonly number[];
  readonly failed: readonly { readonly index: number; readonly error: VaultError }[];
  /** The drop refused (the rest was not tried). */
  readonly stopped: 'expired' | 'closed' | 'not-found' | null;
  readonly cancelled: boolean;
}

export interface DropClient {
  // ---- desktop (unlocked) ----
  /** Makes a drop into `folderId` (15 minutes, size cap) and starts receiving; `label` is shown on the phone. */
  receive(folderId: NodeId, options: { readonly label?: string; readonly expiresInSeconds?: number }, onEvent: (event: DropReceiveEvent) => void): Promise<DropOffer>;
  /** Places what arrived, then closes the drop (deletes it when nothing came); resolves the count received. */
  finish(dropId: string): Promise<number>;

  // ---- phone (no account) ----
  /** `secret` from the link's fragment; the worker keeps only the keys derived from it. */
  open(dropId: string, secret: string): Promise<DropState>;
  state(dropId: string): Promise<DropState>;
  send(dropId: string, files: readonly File[], options: { readonly onProgress?: (p: DropSendProgress) => void; readonly signal?: AbortSignal }): Promise<DropSendResult>;
}
