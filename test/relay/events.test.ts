// Live events over a real WebSocket (ws) against the real relay: authenticated by bearer token or
// session cookie, only "revision" and "drop" notices, only to the owning account's sockets; refused
// without credentials or from a foreign origin; closed when the session ends.
import { randomBytes, createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import { b64, client, json, signUp, KDF, type Call } from './support/http-client.js';
import { startRelay, type RelayProcess } from './support/relay-process.js';

let relay: RelayProcess;
let dir: string;
let call: Call;

test.before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vbx-events-'));
  relay = await startRelay(dir);
  call = client(relay.url);
});

test.after(async () => {
  await relay.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Socket { ws: WebSocket; messages: Record<string, unknown>[]; next(): Promise<Record<string, unknown>> }

async function connect(headers: Record<string, string>): Promise<Socket> {
  const ws = new WebSocket(`${relay.url.replace('http', 'ws')}/api/v1/events`, { headers });
  const messages: Record<string, unknown>[] = [];
  const waiters: ((m: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as Record<string, unknown>;
    messages.push(m);
    waiters.shift()?.(m);
  });
  await once(ws, 'open');
  let read = 0;
  return {
    ws, messages,
    next: () => (read < messages.length ? Promise.resolve(messages[read++]) : new Promise((resolve) => { waiters.push((m) => { read++; resolve(m); }); })),
  };
}

async function refused(headers: Record<string, string>): Promise<number> {
  const ws = new WebSocket(`${relay.url.replace('http', 'ws')}/api/v1/events`, { headers });
  const answer = new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
  ws.on('error', () => undefined); // the refusal surfaces as an error too; its status is what counts
  const status = await answer;
  ws.terminate();
  return status;
}

test('revision notices go to the writer\'s account only; drops arrive; ping/pong', async () => {
  const alice = await signUp(call, 'alice');
  const bob = await signUp(call, 'bob');
  const a = await connect({ authorization: `Bearer ${alice.token}` });
  const b = await connect({ authorization: `Bearer ${bob.token}` });
  assert.equal(await a.next(), { type: 'revision', revision: 0 }, 'the current revision on open');
  assert.equal(await b.next(), { type: 'revision', revision: 0 });

  const id = b64(randomBytes(16));
  await json(await call('PUT', `/api/v1/nodes/${id}`, { token: alice.token, json: { body: b64(randomBytes(40)) }, headers: { 'if-none-match': '*' } }), 201);
  assert.equal(await a.next(), { type: 'revision', revision: 1 });
  await json(await call('POST', '/api/v1/nodes/batch', { token: alice.token, json: { ops: [{ op: 'delete', id, ifVersion: 1 }] } }), 200);
  assert.equal(await a.next(), { type: 'revision', revision: 2 });

  const dropToken = randomBytes(32);
  const { dropId } = await json<{ dropId: string }>(await call('POST', '/api/v1/drops', { token: alice.token, json: { tokenHash: b64(createHash('sha256').update(dropToken).digest()), sizeCap: 1000 } }), 201);
  const headers = { 'x-drop-token': b64(dropToken) };
  const u = await json<{ blobId: string }>(await call('POST', `/api/v1/public/drops/${dropId}/uploads`, { json: { size: 10 }, headers }), 201);
  await json(await call('PUT', `/api/v1/public/drops/${dropId}/uploads/${u.blobId}/parts/0`, { body: randomBytes(10), headers }), 200);
  await json(await call('POST', `/api/v1/public/drops/${dropId}/uploads/${u.blobId}/commit`, { headers }), 201);
  await json(await call('POST', `/api/v1/public/drops/${dropId}/items`, { json: { record: b64(randomBytes(30)), blobIds: [u.blobId] }, headers }), 201);
  assert.equal(await a.next(), { type: 'drop', dropId });

  a.ws.send('{"type":"ping"}');
  assert.equal(await a.next(), { type: 'pong' });
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(b.messages, [{ type: 'revision', revision: 0 }], 'bob heard nothing of alice\'s');
  for (const m of [...a.messages, ...b.messages]) assert.ok(['revision', 'drop', 'pong'].includes(m.type as string));
  a.ws.close();
  b.ws.close();
});

test('cookie sessions work; foreign origins, no or bad credentials are refused', async () => {
  const res = await call('POST', '/api/v1/auth/signup', { json: {
    name: 'carol', kdf: KDF, salt: b64(randomBytes(16)), authKey: b64(randomBytes(32)), passwordWrap: b64(randomBytes(60)),
    recoveryWrap: b64(randomBytes(60)), recoveryAuthKey: b64(randomBytes(32)),
  } });
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const s = await connect({ cookie, origin: relay.url });
  assert.equal(await s.next(), { type: 'revision', revision: 0 });
  s.ws.close();
  assert.is(await refused({ cookie, origin: 'https://evil.example' }), 403);
  assert.is(await refused({}), 401);
  assert.is(await refused({ authorization: `Bearer ${b64(randomBytes(32))}` }), 401);
});

test('logging out closes that session\'s socket', async () => {
  const dave = await signUp(call, 'dave');
  const s = await connect({ authorization: `Bearer ${dave.token}` });
  await s.next();
  const closed = once(s.ws, 'close');
  await json(await call('POST', '/api/v1/auth/logout', { token: dave.token }), 200);
  const [code] = await closed as [number];
  assert.is(code, 4401);
});

test('a plain GET of the events URL is told to upgrade', async () => {
  const eve = await signUp(call, 'eve');
  const res = await call('GET', '/api/v1/events', { token: eve.token });
  assert.is(res.status, 426);
});

test.run();
