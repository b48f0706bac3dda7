// `GET /api/v1/events`: the live-event WebSocket of a signed-in client (cookie or bearer token). On
// open it sends the current revision; then only "revision" and "drop" notices (events/event-hub.ts).
// The relay pings every heartbeat interval and drops sockets that stop answering; a client may also
// send {"type":"ping"} and gets {"type":"pong"}.
import type { UpgradeWebSocket } from 'hono/ws';
import { Hono } from 'hono';
import type { WebSocket } from 'ws';
import { requireAuth } from '../auth/session.js';
import type { EventClient } from '../events/event-hub.js';
import { HttpError } from '../http/http-error.js';
import type { AppEnv, Deps } from '../http/types.js';

export function eventRoutes(deps: Deps, upgradeWebSocket: UpgradeWebSocket<WebSocket>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/events', requireAuth(deps), upgradeWebSocket((c) => {
    const auth = c.get('auth');
    let client: EventClient | null = null;
    return {
      onOpen(_event, ws) {
        const raw = ws.raw!;
        client = {
          accountId: auth.accountId,
          tokenHash: auth.tokenHash,
          alive: true,
          send: (text) => ws.send(text),
          close: (code, reason) => ws.close(code, reason),
          ping: () => raw.ping(),
        };
        raw.on('pong', () => { if (client) client.alive = true; });
        deps.events.add(client);
        // A metadata store that can't be reached (PostgreSQL down) closes the socket; the client reconnects.
        void deps.meta.revision(auth.accountId).then(
          (revision) => ws.send(JSON.stringify({ type: 'revision', revision })),
          () => ws.close(1011, 'try again'),
        );
      },
      onMessage(event, ws) {
        if (typeof event.data === 'string' && event.data.length < 100 && /"type"\s*:\s*"ping"/.test(event.data)) ws.send('{"type":"pong"}');
      },
      onClose() {
        if (client) deps.events.remove(client);
      },
    };
  }), () => {
    throw new HttpError(426, 'upgrade_required', 'Open this URL as a WebSocket.');
  });
  return app;
}
