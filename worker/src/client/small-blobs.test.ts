// SmallBlobs against a relay answered here (each request seen and answered by the test): a cancelled
// file answers at once while its batch is still out, and its blob is deleted when the batch lands; a
// batch that meets a dropped connection or a 503 is sent again; one refused as too large goes one by one;
// a batch body's buffer serves the next batch once answered, never after a failure ([Note: Batch bodies reused]).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ClientError } from './client-error.js';
import { RelayApi } from './relay-api.js';
import type { RelayError } from './relay-error.js';
import { SmallBlobs } from './small-blobs.js';

type Answer = () => Response | Promise<Response>;
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const stored = (n: number, from = 0) => json(201, { blobs: Array.from({ length: n }, (_, i) => ({ blobId: `b${from + i}`, size: 1, createdAt: new Date(0).toISOString() })) });

/** A RelayApi whose requests are logged and answered by `answer(method path)`. */
function relay(answer: (request: string) => Answer): { api: RelayApi; log: string[] } {
  const log: string[] = [];
  const api = new RelayApi({
    baseUrl: 'http://relay.invalid', sessionMode: 'bearer',
    fetch: async (url, init) => {
      const request = `${init?.method} ${new URL(url).pathname}`;
      log.push(request);
      return answer(request)();
    },
  });
  return { api, log };
}

test('a file cancelled while its batch is out answers at once; its blob is deleted when the batch lands', async () => {
  let land!: () => void;
  const landed = new Promise<void>((r) => { land = r; });
  const { api, log } = relay((request) => request === 'POST /api/v1/blobs/batch' ? async () => { await landed; return stored(1); } : () => new Response(null, { status: 204 }));
  const blobs = new SmallBlobs(api);
  const controller = new AbortController();
  const sending = blobs.send(new Uint8Array([1, 2, 3]), controller.signal);
  await new Promise((r) => setTimeout(r, 10));
  controller.abort();
  const outcome = await Promise.race([sending.then(() => 'stored', (e: unknown) => e), new Promise((r) => setTimeout(() => r('still waiting'), 500))]);
  assert.instance(outcome, ClientError);
  assert.is((outcome as ClientError).kind, 'cancelled');
  land();
  for (let i = 0; i < 50 && !log.includes('DELETE /api/v1/blobs/b0'); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(log.includes('DELETE /api/v1/blobs/b0'), `the landed blob is deleted: ${log.join(', ')}`);
});

test('a batch that meets a dropped connection, then a 503, is sent again and lands', async () => {
  let tries = 0;
  const { api, log } = relay(() => () => {
    tries++;
    if (tries === 1) throw new TypeError('fetch failed');
    if (tries === 2) return json(503, { error: { code: 'unavailable', message: 'Try again.' } });
    return stored(1);
  });
  assert.is(await new SmallBlobs(api).send(new Uint8Array([7])), 'b0');
  assert.equal(log, Array(3).fill('POST /api/v1/blobs/batch'));
});

test('a batch refused for good (quota) fails its files without sending again', async () => {
  const { api, log } = relay(() => () => json(507, { error: { code: 'quota_exceeded', message: 'Full.' } }));
  try {
    await new SmallBlobs(api).send(new Uint8Array([7]));
    assert.unreachable();
  } catch (error) {
    assert.is((error as RelayError).status, 507);
  }
  assert.equal(log, ['POST /api/v1/blobs/batch']);
});

test('a batch body is written into the buffer of an answered one, exactly; a failed one\'s buffer is not reused', async () => {
  const seen: { bytes: number[]; buffer: ArrayBufferLike }[] = [];
  let fail = false;
  const api = new RelayApi({
    baseUrl: 'http://relay.invalid', sessionMode: 'bearer',
    fetch: async (_url, init) => {
      const body = init?.body as Uint8Array;
      seen.push({ bytes: [...body], buffer: body.buffer });
      if (fail) throw new TypeError('fetch failed');
      const count = new DataView(body.buffer, body.byteOffset).getUint32(0);
      return stored(count);
    },
  });
  // The first blob in pieces, as a sealer leaves it: the body holds them joined.
  await api.putBlobs([[new Uint8Array([1, 2]), new Uint8Array(0), new Uint8Array([3, 4, 5])], new Uint8Array([6])]);
  await api.putBlobs([new Uint8Array([7, 8])]);
  assert.equal(seen[0].bytes, [0, 0, 0, 2, 0, 0, 0, 5, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6]);
  assert.equal(seen[1].bytes, [0, 0, 0, 1, 0, 0, 0, 2, 7, 8], 'only the new batch, nothing left over from the first');
  assert.is(seen[1].buffer, seen[0].buffer, 'the answered batch\'s buffer was reused');
  fail = true;
  await api.putBlobs([new Uint8Array([9])]).catch(() => undefined);
  fail = false;
  await api.putBlobs([new Uint8Array([10])]);
  assert.is.not(seen[3].buffer, seen[2].buffer, 'a failed request may still hold its buffer: not reused');
  assert.equal(seen[3].bytes, [0, 0, 0, 1, 0, 0, 0, 1, 10]);
});

test.run();
