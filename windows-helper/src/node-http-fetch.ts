// The helper's fetch: the FetchLike RelayApi takes, over node:http(s) with a keep-alive agent. Node's
// built-in fetch (undici) copies every byte-array request body and runs each request through the full
// Fetch machinery; a sync pass sends thousands of small requests and hundreds of 8 MiB parts, and that
// overhead measured as a good share of the helper's CPU. Bodies here go to the socket as they are; JSON
// answers are read whole, anything else (blob downloads) streams.
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import type { FetchLike } from '../../worker/src/client/relay-api.js';

/** Requests at once per relay: more than the sync engine keeps in flight, so none waits for a socket. */
const SOCKETS = 64;

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

export function nodeHttpFetch(): FetchLike {
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
        if (status === 204 || status === 304 || init.method === 'HEAD') {
          res.resume();
          finish();
          resolve(new Response(null, { status, headers: headersIn }));
          return;
        }
        if ((headersIn.get('content-type') ?? '').startsWith('application/json')) {
          readWhole(res).then((bytes) => {
            finish();
            resolve(new Response(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) as Uint8Array<ArrayBuffer>, { status, headers: headersIn }));
          }, (error: unknown) => {
            finish();
            reject(error);
          });
          return;
        }
        res.on('close', finish);
        resolve(new Response(Readable.toWeb(res) as ReadableStream<Uint8Array>, { status, headers: headersIn }));
      });
      request.end(body ?? undefined);
    });
  };
}
