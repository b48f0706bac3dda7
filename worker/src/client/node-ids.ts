// Ids for new nodes ([Note: Node ids side by side]).
import { randomBytes } from '../format/bytes.js';
import { encodeBase64url } from './base64url.js';

/*
 * [Note: Node ids side by side]
 * The relay keeps nodes in a table keyed by (account, id). Fully random ids scatter a batch of creates
 * (a sync pass sends hundreds at once) over every leaf of that index, so SQLite rewrote most of it into
 * its WAL for each batch; the relay's blob ids of one batch already share a prefix for the same reason
 * ([Note: Ids of a batch side by side] in relay/src/lib/ids.ts). So consecutive node ids share their
 * first PREFIX_BYTES, drawn afresh every IDS_PER_PREFIX ids; each keeps 96 random bits of its own. The
 * relay learns nothing it does not see already: which nodes were made together, and in what order.
 */
const PREFIX_BYTES = 4;
const IDS_PER_PREFIX = 256;
const ID_BYTES = 16;

let prefix: Uint8Array = new Uint8Array(PREFIX_BYTES);
let left = 0;

/** A fresh 128-bit node id in the relay's canonical form (22 base64url characters). */
export function newNodeId(): string {
  if (left === 0) {
    prefix = randomBytes(PREFIX_BYTES);
    left = IDS_PER_PREFIX;
  }
  left--;
  const id = new Uint8Array(ID_BYTES);
  id.set(prefix);
  id.set(randomBytes(ID_BYTES - PREFIX_BYTES), PREFIX_BYTES);
  return encodeBase64url(id);
}
