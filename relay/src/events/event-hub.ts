// Live events of one relay instance: the open WebSockets per account and the two notices they carry
// ("revision advanced", "drop arrived"), nothing else, so a socket leaks no more than the change log.
// Several instances on one PostgreSQL pass what each publishes to the others through an EventBus
// (store/postgres/event-bus.ts, LISTEN/NOTIFY); each delivers to its own sockets.

export type RelayEvent = { type: 'revision'; revision: number } | { type: 'drop'; dropId: string };

/** What travels between instances; token hashes as hex. */
export type BusMessage =
  | { kind: 'publish'; accountId: string; event: RelayEvent }
  | { kind: 'closeTokens'; tokens: string[] }
  | { kind: 'closeAccount'; accountId: string };

export interface EventBus {
  /** Sends to every other instance (this one delivers locally itself). */
  send(message: BusMessage): void;
}

export interface EventClient {
  accountId: string;
  /** Hash of the session or device token the socket was opened with. */
  tokenHash: Buffer;
  send(text: string): void;
  close(code: number, reason: string): void;
  /** Sends a WebSocket ping; `alive` is set again by the pong. */
  ping(): void;
  alive: boolean;
}

/** Close code for "your credentials stopped working": the client should sign in again. */
export const CLOSE_UNAUTHORIZED = 4401;

export class EventHub {
  private readonly clients = new Map<string, Set<EventClient>>();

  constructor(private readonly bus: EventBus | null = null) {}

  /** A message from another instance: delivered to this instance's sockets only. */
  deliver(message: BusMessage): void {
    if (message.kind === 'publish') this.publishHere(message.accountId, message.event);
    else if (message.kind === 'closeTokens') this.closeHere(new Set(message.tokens));
    else this.closeAccountHere(message.accountId);
  }

  add(client: EventClient): void {
    let set = this.clients.get(client.accountId);
    if (!set) this.clients.set(client.accountId, (set = new Set()));
    set.add(client);
  }

  remove(client: EventClient): void {
    const set = this.clients.get(client.accountId);
    set?.delete(client);
    if (set?.size === 0) this.clients.delete(client.accountId);
  }

  publish(accountId: string, event: RelayEvent): void {
    this.publishHere(accountId, event);
    this.bus?.send({ kind: 'publish', accountId, event });
  }

  private publishHere(accountId: string, event: RelayEvent): void {
    const text = JSON.stringify(event);
    for (const client of this.clients.get(accountId) ?? []) client.send(text);
  }

  /** Closes the sockets opened with these tokens (logout, device revoked, password changed). */
  closeTokens(hashes: Uint8Array[]): void {
    const tokens = hashes.map((h) => Buffer.from(h).toString('hex'));
    this.closeHere(new Set(tokens));
    if (tokens.length > 0) this.bus?.send({ kind: 'closeTokens', tokens });
  }

  private closeHere(wanted: Set<string>): void {
    for (const set of this.clients.values()) {
      for (const client of set) if (wanted.has(client.tokenHash.toString('hex'))) client.close(CLOSE_UNAUTHORIZED, 'signed out');
    }
  }

  closeAccount(accountId: string): void {
    this.closeAccountHere(accountId);
    this.bus?.send({ kind: 'closeAccount', accountId });
  }

  private closeAccountHere(accountId: string): void {
    for (const client of this.clients.get(accountId) ?? []) client.close(CLOSE_UNAUTHORIZED, 'account deleted');
  }

  /** One heartbeat round: a socket that did not answer the previous ping is closed. */
  heartbeat(): void {
    for (const set of this.clients.values()) {
      for (const client of set) {
        if (!client.alive) {
          client.close(1001, 'no heartbeat');
          this.remove(client);
          continue;
        }
        client.alive = false;
        client.ping();
      }
    }
  }

  closeAll(): void {
    for (const set of this.clients.values()) for (const client of set) client.close(1001, 'relay shutting down');
    this.clients.clear();
  }

  count(accountId: string): number {
    return this.clients.get(accountId)?.size ?? 0;
  }
}
