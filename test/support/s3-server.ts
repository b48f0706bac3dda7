// A throwaway S3-compatible server for one test file: s3rver on a free loopback port over a temp
// folder, stopped (and the folder removed) by `stop()` or when the test process exits.
// Known limits of s3rver 3.7 that the tests work around: only the access key `S3RVER` / secret
// `S3RVER` is accepted, and ListMultipartUploads, ListParts and AbortMultipartUpload are missing.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './postgres-cluster.js';

export interface S3Server {
  endpoint: string;
  /** Credentials s3rver accepts, to put in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. */
  accessKeyId: string;
  secretAccessKey: string;
  /** `s3://BUCKET?endpoint=…&region=us-east-1` for the relay's --blobs option. */
  blobsUrl(bucket: string): string;
  /** Stops the server (a second call does nothing). */
  stop(): Promise<void>;
}

interface S3rverInstance { run(): Promise<unknown>; close(): Promise<void> }
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

export async function startS3Server(): Promise<S3Server> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const dir = mkdtempSync(join(tmpdir(), 'vbx-s3-'));
  const port = await freePort();
  const server = new S3rver({ port, address: '127.0.0.1', directory: dir, silent: true, allowMismatchedSignatures: false });
  await server.run();
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  process.on('exit', cleanup);
  const endpoint = `http://127.0.0.1:${port}`;
  let stopped = false;
  return {
    endpoint,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    blobsUrl: (bucket) => `s3://${bucket}?endpoint=${encodeURIComponent(endpoint)}&region=us-east-1`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
      cleanup();
      process.off('exit', cleanup);
    },
  };
}
