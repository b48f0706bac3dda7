// Live events across relay instances through PostgreSQL LISTEN/NOTIFY: every instance listens on one
// channel (per schema) and NOTIFYs what its own EventHub publishes, so a client connected to any
// instance hears of a change made through any other. Messages carry only what the hub's notices carry
// (account id, revision or drop id, token hashes to disconnect), never content.
// postgres.js keeps the LISTEN connection and re-listens after it reconnects.
import { randomBytes } from 'node:crypto';
import type { BusMessage, EventBus } from '../../events/event-hub.js';
import { type Sql, parsePgUrl } from './connection.js';

/** NOTIFY payloads must stay under 8000 bytes: token lists are sent in slices of this many. */
const TOKENS_PER_MESSAGE = 50;

export class PgEventBus implements EventBus {
  private readonly origin = randomBytes(8).toString('hex');
  private readonly channel: string;
  private unlisten: (() => Promise<void>) | null = null;
  private handler: (message: BusMessage) => void = () => undefined;

  constructor(private readonly sql: Sql, url: string) {
    const { schema } = parsePgUrl(url);
    this.channel = schema ? `veilbox_events_${schema}` : 'veilbox_events';
  }

  /** Starts listening; resolves once the LISTEN is in place. */
  async start(handler: (message: BusMessage) => void): Promise<void> {
    this.handler = handler;
    const listening = await this.sql.listen(this.channel, (payload) => this.receive(payload));
    this.unlisten = listening.unlisten;
  }

  private receive(payload: string): void {
    let parsed: { o?: unknown; m?: unknown };
    try { parsed = JSON.parse(payload) as { o?: unknown; m?: unknown }; } catch { return; }
    // This instance delivered its own message locally already.
    if (parsed.o === this.origin || typeof parsed.m !== 'object' || parsed.m === null) return;
    this.handler(parsed.m as BusMessage);
  }

  send(message: BusMessage): void {
    const messages = message.kind === 'closeTokens'
      ? Array.from({ length: Math.ceil(message.tokens.length / TOKENS_PER_MESSAGE) }, (_, i) => ({ ...message, tokens: message.tokens.slice(i * TOKENS_PER_MESSAGE, (i + 1) * TOKENS_PER_MESSAGE) }))
      : [message];
    for (const m of messages) {
      // Fire and forget: a lost notice costs a client one pull later (it also pulls on reconnect).
      this.sql.notify(this.channel, JSON.stringify({ o: this.origin, m })).catch((error: unknown) => {
        console.error(`relay: live event not sent to the other instances: ${(error as { code?: string }).code ?? (error as Error).name}`);
      });
    }
  }

  async close(): Promise<void> {
    await this.unlisten?.().catch(() => undefined);
    this.unlisten = null;
  }
}
