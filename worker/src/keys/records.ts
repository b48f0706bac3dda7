// Encrypted records (DESIGN.md §5–§6): a node body is a Cobblestone-256 message under the node
// key with context "veilbox/v1/node" ‖ accountId ‖ nodeId ‖ version, so the relay can neither move
// a body to another node nor replay an old version as a new one; a share manifest is bound to
// its share id the same way, and an interrupted upload or an offline change kept on the device to its
// account and id.
import { cobblestoneDecrypt, cobblestoneEncrypt } from '../format/cobblestone.js';
import type { CobblestoneOptions } from '../format/cobblestone-options.js';
import { encodeContext } from './context.js';
import { CONTEXT_NODE, CONTEXT_OFFLINE_CHANGE, CONTEXT_PENDING_UPLOAD, CONTEXT_SHARE } from './labels.js';

export interface NodePlace {
  accountId: string;
  nodeId: string;
  /** The record version this body is written as (compare-and-swap on the relay). */
  version: number;
}

export function nodeContext(place: NodePlace): Uint8Array {
  return encodeContext(CONTEXT_NODE, place.accountId, place.nodeId, place.version);
}

export function shareContext(shareId: string): Uint8Array {
  return encodeContext(CONTEXT_SHARE, shareId);
}

export function sealNodeRecord(nodeKey: Uint8Array, body: Uint8Array, place: NodePlace, options: CobblestoneOptions = {}): Promise<Uint8Array> {
  return cobblestoneEncrypt(nodeKey, body, nodeContext(place), options);
}

/** A body moved to another node or version fails as 'wrong-key' (its context no longer matches). */
export function openNodeRecord(nodeKey: Uint8Array, sealed: Uint8Array, place: NodePlace, options: CobblestoneOptions = {}): Promise<Uint8Array> {
  return cobblestoneDecrypt(nodeKey, sealed, nodeContext(place), options);
}

export function sealShareManifest(manifestKey: Uint8Array, manifest: Uint8Array, shareId: string, options: CobblestoneOptions = {}): Promise<Uint8Array> {
  return cobblestoneEncrypt(manifestKey, manifest, shareContext(shareId), options);
}

export function openShareManifest(manifestKey: Uint8Array, sealed: Uint8Array, shareId: string, options: CobblestoneOptions = {}): Promise<Uint8Array> {
  return cobblestoneDecrypt(manifestKey, sealed, shareContext(shareId), options);
}

/** An interrupted upload as kept in this device's IndexedDB: it holds a file key and a name, so sealed. */
export function sealPendingUpload(nodeKey: Uint8Array, body: Uint8Array, accountId: string, pendingId: string): Promise<Uint8Array> {
  return cobblestoneEncrypt(nodeKey, body, encodeContext(CONTEXT_PENDING_UPLOAD, accountId, pendingId));
}

export function openPendingUpload(nodeKey: Uint8Array, sealed: Uint8Array, accountId: string, pendingId: string): Promise<Uint8Array> {
  return cobblestoneDecrypt(nodeKey, sealed, encodeContext(CONTEXT_PENDING_UPLOAD, accountId, pendingId));
}

/** A change made offline, kept on this device until it is sent: it holds names and maybe a file key, so sealed. */
export function sealOfflineChange(nodeKey: Uint8Array, body: Uint8Array, accountId: string, changeId: string): Promise<Uint8Array> {
  return cobblestoneEncrypt(nodeKey, body, encodeContext(CONTEXT_OFFLINE_CHANGE, accountId, changeId));
}

export function openOfflineChange(nodeKey: Uint8Array, sealed: Uint8Array, accountId: string, changeId: string): Promise<Uint8Array> {
  return cobblestoneDecrypt(nodeKey, sealed, encodeContext(CONTEXT_OFFLINE_CHANGE, accountId, changeId));
}
