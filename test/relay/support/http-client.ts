// A small HTTP client for the cross-process relay tests: JSON calls with a bearer token, sign-up with
// random keys, and resumable uploads with several parts in flight, like a real client would do.
import { randomBytes } from 'node:crypto';

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
export const KDF = { algorithm: 'argon2id', version: 19, memoryKiB: 65536, iterations: 3, parallelism: 1 };

export interface CallInit {
  json?: unknown;
  body?: Uint8Array;
  headers?: Record<string, string>;
  token?: string;
}

export type Call = (method: string, path: string, init?: CallInit) => Promise<Response>;

export function client(baseUrl: string): Call {
  return async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: BodyInit | undefined = init.body as BodyInit | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    try {
      return await fetch(`${baseUrl}${path}`, { method, headers, body });
    } catch (error) {
      // A pooled keep-alive socket the server closed just as it was reused: the request never
      // reached the relay, so sending it again is what any client does.
      const code = ((error as { cause?: { code?: string } }).cause)?.code;
      if (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET') throw error;
      return fetch(`${baseUrl}${path}`, { method, headers, body });
    }
  };
}

export async function json<T = Record<string, unknown>>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

export interface Account { name: string; accountId: string; token: string; authKey: Buffer }

export async function signUp(call: Call, name: string, extra: Record<string, unknown> = {}): Promise<Account> {
  const authKey = randomBytes(32);
  const res = await call('POST', '/api/v1/auth/signup', { json: {
    name, kdf: KDF, salt: b64(randomBytes(16)), authKey: b64(authKey), passwordWrap: b64(randomBytes(92)),
    recoveryWrap: b64(randomBytes(92)), recoveryAuthKey: b64(randomBytes(32)), session: 'bearer', ...extra,
  } });
  const body = await json<{ accountId: string; token: string }>(res, 201);
  return { name, accountId: body.accountId, token: body.token, authKey };
}

/** Creates an upload and sends the given parts, `inFlight` at a time; returns the blob id (not committed). */
export async function sendParts(call: Call, token: string, data: Uint8Array, parts: number[] | 'all', inFlight = 3, base = '/api/v1/uploads', extraHeaders: Record<string, string> = {}): Promise<{ blobId: string; partSize: number; partCount: number }> {
  const created = await json<{ blobId: string; partSize: number; partCount: number }>(
    await call('POST', base, { token, json: { size: data.length }, headers: extraHeaders }), 201);
  await putParts(call, token, created, data, parts === 'all' ? [...Array(created.partCount).keys()] : parts, inFlight, base, extraHeaders);
  return created;
}

export async function putParts(call: Call, token: string, u: { blobId: string; partSize: number }, data: Uint8Array, indexes: number[], inFlight = 3, base = '/api/v1/uploads', extraHeaders: Record<string, string> = {}): Promise<void> {
  const queue = [...indexes];
  await Promise.all(Array.from({ length: inFlight }, async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      const part = data.subarray(i * u.partSize, Math.min(data.length, (i + 1) * u.partSize));
      await json(await call('PUT', `${base}/${u.blobId}/parts/${i}`, { token, body: part, headers: extraHeaders }), 200);
    }
  }));
}

export async function uploadBlob(call: Call, token: string, data: Uint8Array): Promise<string> {
  const u = await sendParts(call, token, data, 'all');
  await json(await call('POST', `/api/v1/uploads/${u.blobId}/commit`, { token }), 201);
  return u.blobId;
}

export async function errorCode(res: Response): Promise<string> {
  const body = (await res.json()) as { error?: { code?: string } };
  return body.error?.code ?? '(none)';
}
