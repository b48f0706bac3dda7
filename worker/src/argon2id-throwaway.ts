// The crypto worker's Argon2id runner: a fresh worker per derivation, ended when it answers
// ([Note: Argon2id in a throwaway worker]). Runs in this thread where workers can't start workers (no
// Worker constructor); a worker that fails to start or to answer fails the derivation with that message.
import { argon2idInThisThread, type Argon2idRunner } from './format/argon2id.js';

export const argon2idInThrowawayWorker: Argon2idRunner = (password, salt, cost, outputBytes) => {
  if (typeof Worker !== 'function') return argon2idInThisThread(password, salt, cost, outputBytes);
  const worker = new Worker(new URL('./argon2id-worker.ts', import.meta.url), { type: 'module', name: 'veilbox-argon2id' });
  return new Promise<Uint8Array>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ key?: Uint8Array; message?: string }>) => {
      if (event.data.key) resolve(event.data.key);
      else reject(new Error(`Argon2id failed: ${event.data.message ?? 'no answer'}`));
    };
    worker.onerror = (event) => { event.preventDefault(); reject(new Error(`The Argon2id worker failed to start: ${event.message || 'unknown error'}`)); };
    worker.postMessage({ password: password.slice(), salt, cost, outputBytes });
  }).finally(() => worker.terminate());
};
