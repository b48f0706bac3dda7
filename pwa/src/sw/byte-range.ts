// Reads an HTTP `Range: bytes=…` header against a known size (RFC 9110 §14) for the media route: one
// range, in its three forms (a-b, a-, -n); several ranges or another unit are ignored, which allows a
// whole 200 answer, as the relay does for blobs (relay/src/http/range.ts).

/** Bytes from `start` (inclusive) to `end` (exclusive). */
export interface Span { start: number; end: number }

/** null: answer the whole body (no usable Range header); 'unsatisfiable': answer 416. */
export function parseByteRange(header: string | null, size: number): Span | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  const [, first, last] = m;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null; // syntactically invalid: ignored
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size : Math.min(Number(last) + 1, size) };
}
