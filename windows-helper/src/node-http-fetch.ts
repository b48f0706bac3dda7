// The helper's fetch: the FetchLike RelayApi takes, over node:http(s) with a keep-alive agent. Node's
// built-in fetch (undici) copies every byte-array request body and runs each request through the full
// Fetch machinery; a sync pass sends thousands of small requests and hundreds of 8 MiB parts, and that
// overhead measured as a good share of the helper's CPU. Bodies here go to the socket as they are; JSON
// answers are read whole, anything else (blob downloads) streams. Redirects are not followed (the relay
// answers none); a socket silent for two minutes fails the request.
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import type { FetchLike } from '../../worker/src/client/relay-api.js';

/** Requests at once per relay: more than the sync engine keeps in flight, so none waits for a socket. */
const SOCKETS = 64;

/** A request whose socket stays silent this long fails (Node's fetch gave up after 300 s; a stuck pull would hold every pass). */
const IDLE_TIMEOUT_MS = 120_000;

/** Statuses whose answer has no body (the Response constructor refuses one). */
const NO_BODY = new Set([101, 103, 204, 205, 304]);

/** A Response, or the reason one can't be made (a status outside 200–599 from a misbehaving proxy). */
function responseOf(body: BodyInit | null, status: number, headers: Headers): Response {
  if (status < 200 || status > 599) throw new Error(`The relay answered with status ${status}.`);
  return new Response(NO_BODY.has(status) ? null : body, { status, headers });
}

type Body = string | Uint8Array | null;

async function bodyOf(body: RequestInit['body']): Promise<Body> {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError('This fetch sends strings, bytes and Blobs only.');
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => { out[name] = value; });
  return out;
}

function responseHeaders(res: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

async function readWhole(res: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function nodeHttpFetch(options: { idleTimeoutMs?: number } = {}): FetchLike {
  const idleTimeoutMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: SOCKETS }),
    https: new https.Agent({ keepAlive: true, maxSockets: SOCKETS }),
  };
  return async (input, init = {}) => {
    const url = new URL(input);
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') throw new TypeError(`Unsupported URL scheme ${url.protocol}`);
    const body = await bodyOf(init.body);
    const headers = headerRecord(init.headers);
    if (body !== null) headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.length);
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    return new Promise<Response>((resolve, reject) => {
      const request = (secure ? https : http).request(url, { method: init.method ?? 'GET', headers, agent: secure ? agents.https : agents.http });
      request.setTimeout(idleTimeoutMs, () => request.destroy(new Error(`no answer for ${idleTimeoutMs / 1000} s`)));
      const onAbort = () => request.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      });
      request.on('response', (res) => {
        const status = res.statusCode ?? 0;
        const headersIn = responseHeaders(res);
        const finish = () => signal?.removeEventListener('abort', onAbort);
        try {
          if (NO_BODY.has(status) || init.method === 'HEAD') {
            res.resume();
            finish();
            resolve(responseOf(null, status, headersIn));
            return;
          }
          if ((headersIn.get('content-type') ?? '').startsWith('application/json')) {
            readWhole(res).then((bytes) => {
              finish();
              resolve(responseOf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) as Uint8Array<ArrayBuffer>, status, headersIn));
            }).catch((error: unknown) => {
              finish();
              reject(error);
            });
            return;
          }
          res.on('close', finish);
          resolve(responseOf(Readable.toWeb(res) as ReadableStream<Uint8Array>, status, headersIn));
        } catch (error) {
          res.destroy();
          finish();
          reject(error);
        }
      });
      request.end(body ?? undefined);
    });
  };
}
