// uploadFile when the relay refuses the upload before any part is sent: the error reaches the caller
// as a ClientError and the picked file's stream is let go (cancelled), not left locked and half-read.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ClientError } from './client-error.js';
import { SEAL_IN_MEMORY_MAX, uploadFile, type FileSource } from './file-upload.js';
import { RelayApi } from './relay-api.js';

/** A file of `size` bytes whose stream reports being cancelled. */
function watchedFile(size: number, seen: { cancelled: boolean; pulled: number }): FileSource {
  return {
    size, name: 'big.bin', type: 'application/octet-stream',
    stream: () => new ReadableStream<Uint8Array>({
      pull(controller) {
        seen.pulled++;
        controller.enqueue(new Uint8Array(65536));
      },
      cancel() { seen.cancelled = true; },
    }),
  };
}

test('a refused create cancels the streamed file and fails with the relay\'s reason', async () => {
  const requests: string[] = [];
  const api = new RelayApi({
    baseUrl: 'http://relay.invalid', sessionMode: 'bearer',
    fetch: async (url, init) => {
      requests.push(`${init?.method} ${new URL(url).pathname}`);
      return new Response(JSON.stringify({ error: { code: 'quota_exceeded', message: 'The account is full.' } }), { status: 507, headers: { 'content-type': 'application/json' } });
    },
  });
  const seen = { cancelled: false, pulled: 0 };
  try {
    await uploadFile(api, watchedFile(SEAL_IN_MEMORY_MAX + 1, seen));
    assert.unreachable();
  } catch (error) {
    assert.instance(error, ClientError);
  }
  assert.equal(requests, ['POST /api/v1/uploads']);
  assert.ok(seen.cancelled, 'the file stream was cancelled');
});

test.run();
