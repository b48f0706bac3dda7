// Request and response bodies as Node streams. Under @hono/node-server the upload part is piped
// straight from the IncomingMessage and a blob straight into the ServerResponse: measured, that is
// far faster than Hono's web-stream bodies (see the relay issue). Under `app.request()` (tests, no
// socket) the same code falls back to web streams.
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { nodeBindings, type AppContext } from './types.js';

export function requestBody(c: AppContext): Readable {
  const incoming = nodeBindings(c).incoming;
  if (incoming) return incoming;
  const body = c.req.raw.body;
  return body ? Readable.fromWeb(body as import('node:stream/web').ReadableStream) : Readable.from([]);
}

export interface StreamAnswer {
  status: number;
  headers: Record<string, string>;
  body: Readable;
}

/**
 * Sends a streamed answer. `extraHeaders` are the security headers, which the middleware can't add
 * to a response written directly to the socket.
 */
export function sendStream(c: AppContext, answer: StreamAnswer, extraHeaders: Record<string, string>): Response {
  const head = c.req.method === 'HEAD';
  const outgoing = nodeBindings(c).outgoing;
  if (!outgoing) {
    if (head) answer.body.destroy();
    return new Response(head ? null : (Readable.toWeb(answer.body) as ReadableStream), { status: answer.status, headers: answer.headers });
  }
  outgoing.writeHead(answer.status, { ...extraHeaders, ...answer.headers });
  if (head) {
    answer.body.destroy();
    outgoing.end();
  } else {
    // A client that goes away mid-download ends the pipeline; nothing to report.
    pipeline(answer.body, outgoing).catch(() => answer.body.destroy());
  }
  return RESPONSE_ALREADY_SENT;
}
