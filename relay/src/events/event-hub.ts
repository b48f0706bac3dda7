// Live events of one relay instance: the open WebSockets per account and the two notices they carry
// ("revision advanced", "drop arrived"), nothing else, so a socket leaks no more than the change log.
// Scale-out replaces `publish` with a fan-out through the metadata store (PostgreSQL LISTEN/NOTIFY).

export type RelayEvent = { type: 'revision'; revision: number } | { type: 'drop'; dropId: string };

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
    const text = JSON.stringify(event);
    for (const client of this.clients.get(accountId) ?? []) client.send(text);
  }

  /** Closes the sockets opened with these tokens (logout, device revoked, password changed). */
  closeTokens(hashes: Uint8Array[]): void {
    const wanted = new Set(hashes.map((h) => Buffer.from(h).toString('hex')));
    for (const set of this.clients.values()) {
      for (const client of set) if (wanted.has(client.tokenHash.toString('hex'))) client.close(CLOSE_UNAUTHORIZED, 'signed out');
    }
  }

  closeAccount(accountId: string): void {
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
