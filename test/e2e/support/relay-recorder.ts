// A recording pass-through in front of the real relay for the browser tests that must know what reached
// the relay itself, not what the page or its service worker asked for: every request's method, path and
// Range header is kept, and bytes go both ways untouched (WebSocket upgrades included). Loopback only.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, as the relay received them. */
  url: string;
  range: string | null;
}

export interface RelayRecorder {
  /** Where the browser should go (e.g. http://127.0.0.1:40124); same shape as the relay's URL. */
  url: string;
  /** Every request that reached the relay, in order of arrival. */
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

function record(requests: RecordedRequest[], req: IncomingMessage): void {
  const range = req.headers.range;
  requests.push({ method: req.method ?? '', url: req.url ?? '', range: typeof range === 'string' ? range : null });
}

export async function startRelayRecorder(relayUrl: string): Promise<RelayRecorder> {
  const target = new URL(relayUrl);
  const port = Number(target.port);
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    record(requests, req);
    const forward = httpRequest({ host: target.hostname, port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  server.on('upgrade', (req, socket, head) => {
    record(requests, req);
    const upstream = connect(port, target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: own } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${own}`,
    requests,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
