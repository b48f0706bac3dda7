// Raw HTTP/1.1 over a TCP socket, for requests fetch won't send: unnormalised paths, lying or missing
// Content-Length, bodies cut off mid-way.
import { connect } from 'node:net';

export interface RawAnswer { status: number; head: string; body: string }

function parse(text: string): RawAnswer {
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body: split < 0 ? '' : text.slice(split + 4) };
}

/** Sends `head` (and `body`), waits for the answer and the close. */
export function rawRequest(port: number, head: string, body: Uint8Array = new Uint8Array()): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (d) => { data += d.toString('latin1'); });
    socket.on('error', reject);
    socket.on('close', () => resolve(parse(data)));
    // No half-close: the server would drop the connection before answering. `Connection: close` ends it.
    socket.write(head.replace(/\n/g, '\r\n') + '\r\n');
    socket.write(body);
  });
}

/** Sends the head and part of a body, then drops the connection: a client that went away mid-part. */
export function truncatedRequest(port: number, head: string, partial: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    socket.write(head.replace(/\n/g, '\r\n') + '\r\n', () => {
      socket.write(partial, () => setTimeout(() => socket.destroy(), 200));
    });
  });
}
