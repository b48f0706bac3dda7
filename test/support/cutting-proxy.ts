// A TCP proxy on 127.0.0.1 in front of a real server, for tests of a network that drops while the server
// stays up: cut() destroys every open connection mid-stream, and until restore() each new connection is
// dropped the moment it arrives (as a client sees a network that is gone); then traffic flows again.
import { connect, createServer, type Server, type Socket } from 'node:net';

export class CuttingProxy {
  /** Bytes carried from clients to the server so far. */
  upstreamBytes = 0;
  /** Connections cut while open, and connections dropped on arrival while cut. */
  cutOpen = 0;
  droppedNew = 0;
  private down = false;
  private readonly open = new Set<Socket>();

  private constructor(private readonly server: Server, readonly url: string) {}

  /** Listens on a free port of 127.0.0.1 and forwards to `target` (an http:// URL on loopback). */
  static async start(target: string): Promise<CuttingProxy> {
    const { hostname, port } = new URL(target);
    let proxy: CuttingProxy | null = null;
    const server = createServer((client) => proxy!.accept(client, hostname, Number(port)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
    proxy = new CuttingProxy(server, `http://127.0.0.1:${address.port}`);
    return proxy;
  }

  private accept(client: Socket, host: string, port: number): void {
    if (this.down) {
      this.droppedNew++;
      client.destroy();
      return;
    }
    const server = connect(port, host);
    this.open.add(client);
    client.on('close', () => this.open.delete(client));
    for (const [from, to] of [[client, server], [server, client]] as const) {
      from.on('data', (chunk: Buffer) => {
        if (from === client) this.upstreamBytes += chunk.length;
        if (!to.write(chunk)) from.pause();
      });
      to.on('drain', () => from.resume());
      from.on('end', () => to.end());
      from.on('error', () => to.destroy());
      from.on('close', () => to.destroy());
    }
  }

  /** Drops the network: every open connection is destroyed (both its ends), new ones are dropped until restore(). */
  cut(): void {
    this.down = true;
    this.cutOpen += this.open.size;
    for (const client of [...this.open]) client.destroy();
  }

  restore(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
