// Unit tests for EventHub: per-account fan-out, closing by token or account, heartbeat, and the bus
// between instances (two hubs joined by a fake bus, as PostgreSQL LISTEN/NOTIFY joins relays).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type BusMessage, CLOSE_UNAUTHORIZED, EventHub, type EventClient } from './event-hub.js';

function fakeClient(accountId: string, token: string) {
  const sent: string[] = [];
  const closed: number[] = [];
  let pings = 0;
  const client: EventClient = {
    accountId, tokenHash: Buffer.from(token), alive: true,
    send: (t) => sent.push(t), close: (code) => closed.push(code), ping: () => { pings++; },
  };
  return { client, sent, closed, pings: () => pings };
}

test('publishes to the account\'s sockets only', () => {
  const hub = new EventHub();
  const a1 = fakeClient('A', 't1');
  const a2 = fakeClient('A', 't2');
  const b = fakeClient('B', 't3');
  for (const c of [a1, a2, b]) hub.add(c.client);
  hub.publish('A', { type: 'revision', revision: 7 });
  hub.publish('A', { type: 'drop', dropId: 'AAAAAAAAAAAAAAAAAAAAAA' });
  assert.equal(a1.sent, ['{"type":"revision","revision":7}', '{"type":"drop","dropId":"AAAAAAAAAAAAAAAAAAAAAA"}']);
  assert.equal(a2.sent, a1.sent);
  assert.equal(b.sent, []);
  hub.remove(a2.client);
  hub.publish('A', { type: 'revision', revision: 8 });
  assert.is(a2.sent.length, 2);
  assert.is(hub.count('A'), 1);
});

test('closes sockets by token and by account', () => {
  const hub = new EventHub();
  const a1 = fakeClient('A', 't1');
  const a2 = fakeClient('A', 't2');
  hub.add(a1.client);
  hub.add(a2.client);
  hub.closeTokens([Buffer.from('t2')]);
  assert.equal(a1.closed, []);
  assert.equal(a2.closed, [CLOSE_UNAUTHORIZED]);
  hub.closeAccount('A');
  assert.equal(a1.closed, [CLOSE_UNAUTHORIZED]);
});

test('heartbeat pings, and drops a socket that missed the last ping', () => {
  const hub = new EventHub();
  const a = fakeClient('A', 't1');
  const b = fakeClient('A', 't2');
  hub.add(a.client);
  hub.add(b.client);
  hub.heartbeat();
  assert.is(a.pings(), 1);
  a.client.alive = true; // a's pong came back; b's didn't
  hub.heartbeat();
  assert.equal(a.closed, []);
  assert.equal(b.closed, [1001]);
  assert.is(hub.count('A'), 1);
});

test('two hubs on one bus: publish, close-tokens and close-account reach the other instance\'s sockets', () => {
  const hubs: EventHub[] = [];
  const busFor = (self: number) => ({ send: (m: BusMessage) => hubs.forEach((h, i) => { if (i !== self) h.deliver(JSON.parse(JSON.stringify(m)) as BusMessage); }) });
  hubs.push(new EventHub(busFor(0)), new EventHub(busFor(1)));
  const onA = fakeClient('acct', 'token-a');
  const onB = fakeClient('acct', 'token-b');
  const other = fakeClient('someone', 'token-c');
  hubs[0].add(onA.client);
  hubs[1].add(onB.client);
  hubs[1].add(other.client);
  hubs[1].publish('acct', { type: 'revision', revision: 3 });
  assert.equal(onA.sent, ['{"type":"revision","revision":3}'], 'delivered on the other instance');
  assert.equal(onB.sent, ['{"type":"revision","revision":3}'], 'and once on its own');
  assert.equal(other.sent, []);
  hubs[1].closeTokens([Buffer.from('token-a')]);
  assert.equal(onA.closed, [CLOSE_UNAUTHORIZED]);
  assert.equal(onB.closed, []);
  hubs[0].closeAccount('someone');
  assert.equal(other.closed, [CLOSE_UNAUTHORIZED]);
});

test.run();
