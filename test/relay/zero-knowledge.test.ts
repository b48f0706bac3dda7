// Zero knowledge: a scripted session against the real relay (sign-up, uploads, folder and file
// records, renames, a password change, shares with and without a password, a drop, a paired device),
// encrypting like a real client. Then every byte of the data folder (database, WAL, blobs, uploads)
// and the relay's own output are searched for the passwords, every key and token, every file and
// folder name and the plaintext markers, in raw, hex, base64 and UTF-16 forms. None may appear.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { b64, client, json, putParts, type Call } from './support/http-client.js';
import { hkdf, newVault, passwordKeys, seal } from './support/mini-client.js';
import { startRelay } from './support/relay-process.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest();
const KDF = { algorithm: 'argon2id', version: 19, memoryKiB: 65536, iterations: 3, parallelism: 1 };

/** Secrets to look for: strings (names, passwords, markers) and byte strings (keys, tokens, content). */
const secretTexts: string[] = [];
const secretBytes: Buffer[] = [];
const remember = <T extends Buffer | string>(x: T): T => {
  if (typeof x === 'string') secretTexts.push(x); else secretBytes.push(x);
  return x;
};

function needles(): { what: string; bytes: Buffer }[] {
  const out: { what: string; bytes: Buffer }[] = [];
  for (const t of secretTexts) {
    out.push({ what: `text ${t}`, bytes: Buffer.from(t, 'utf8') }, { what: `utf16 ${t}`, bytes: Buffer.from(t, 'utf16le') });
  }
  for (const b of secretBytes) {
    const id = b.subarray(0, 4).toString('hex');
    // Long enough to be unique; short enough that a stored fragment would show.
    const core = b.length > 48 ? b.subarray(8, 40) : b;
    out.push(
      { what: `raw ${id}`, bytes: core },
      { what: `hex ${id}`, bytes: Buffer.from(b.toString('hex')) },
      { what: `base64 ${id}`, bytes: Buffer.from(b.toString('base64').replace(/=+$/, '')) },
      { what: `base64url ${id}`, bytes: Buffer.from(b.toString('base64url')) },
    );
  }
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map((p) => join(dir, String(p))).filter((p) => statSync(p).isFile());
}

function scan(dir: string, extra: { name: string; bytes: Buffer }[] = []): string[] {
  const found: string[] = [];
  const haystacks = [...filesUnder(dir).map((f) => ({ name: f, bytes: readFileSync(f) })), ...extra];
  for (const { what, bytes } of needles()) {
    for (const h of haystacks) if (h.bytes.includes(bytes)) found.push(`${what} in ${h.name}`);
  }
  return found;
}

async function uploadEncrypted(call: Call, token: string, fileKey: Buffer, plaintext: Buffer, base = '/api/v1/uploads', headers: Record<string, string> = {}) {
  const blob = seal(fileKey, plaintext, 'veilbox/v1/blob');
  const u = await json<{ blobId: string; partSize: number; partCount: number }>(await call('POST', base, { token, json: { size: blob.length }, headers }), 201);
  await putParts(call, token, u, blob, [...Array(u.partCount).keys()], 3, base, headers);
  await json(await call('POST', `${base}/${u.blobId}/commit`, { token, headers }), 201);
  return u.blobId;
}

test('the data folder holds no password, key, token, name or plaintext', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vbx-zk-'));
  const relay = await startRelay(dir);
  try {
    const call = client(relay.url);
    const password = remember('correct horse battery MARKER-PW-5a1b');
    const vault = newVault(password);
    for (const k of [vault.password.master, vault.password.authKey, vault.password.passwordKek, vault.vaultKey, vault.recoveryKey, vault.recoveryAuthKey, vault.recoveryKek, vault.nodeKey]) remember(k);

    // Sign up: only the authKeys' relay-side hashes and opaque wraps may be stored.
    const signup = await json<{ accountId: string; token: string }>(await call('POST', '/api/v1/auth/signup', { json: {
      name: 'zk-user', kdf: KDF, salt: b64(vault.password.salt), authKey: b64(vault.password.authKey),
      passwordWrap: b64(seal(vault.password.passwordKek, vault.vaultKey, 'wrap/password')),
      recoveryWrap: b64(seal(vault.recoveryKek, vault.vaultKey, 'wrap/recovery')),
      recoveryAuthKey: b64(vault.recoveryAuthKey), session: 'bearer',
    } }), 201);
    const token = signup.token;
    remember(Buffer.from(token, 'base64url'));
    const accountId = signup.accountId;

    // A folder and two files in it.
    const putNode = async (id: string, version: number, record: Record<string, unknown>) => {
      const body = seal(vault.nodeKey, Buffer.from(JSON.stringify(record)), `node|${accountId}|${id}|${version + 1}`);
      const headers: Record<string, string> = version === 0 ? { 'if-none-match': '*' } : { 'if-match': String(version) };
      await json(await call('PUT', `/api/v1/nodes/${id}`, { token, json: { body: b64(body) }, headers }), version === 0 ? 201 : 200);
    };
    const folderId = b64(randomBytes(16));
    await putNode(folderId, 0, { type: 'folder', name: remember('Tax-Returns-MARKER-F0LD'), parent: null });
    const files: { id: string; name: string; blobId: string; fileKey: Buffer; content: Buffer }[] = [];
    for (const [name, size] of [['Quarterly-Report-MARKER-7f3a.pdf', 9 * 1024 * 1024], ['diary-MARKER-d1a7.txt', 4000]] as const) {
      const marker = remember(`PLAINTEXT-MARKER-${randomBytes(6).toString('hex')}`);
      const content = Buffer.alloc(size);
      for (let o = 0; o < size; o += 4096) content.write(`${marker} line ${o} of ${name}\n`, o);
      const fileKey = remember(randomBytes(32));
      const blobId = await uploadEncrypted(call, token, fileKey, content);
      remember(content.subarray(0, 64));
      remember(name);
      const id = b64(randomBytes(16));
      await putNode(id, 0, { type: 'file', name, parent: folderId, size, blobId, fileKey: b64(fileKey), mtime: Date.now() });
      files.push({ id, name, blobId, fileKey, content });
    }

    // Renames (node writes), and a move into a renamed folder.
    await putNode(files[0].id, 1, { type: 'file', name: remember('Renamed-Report-MARKER-RN01.pdf'), parent: folderId, size: files[0].content.length, blobId: files[0].blobId, fileKey: b64(files[0].fileKey) });
    await putNode(folderId, 1, { type: 'folder', name: remember('Renamed-Folder-MARKER-RN02'), parent: null });

    // A share without and one with a password.
    for (const sharePassword of [null, remember('share pass MARKER-SPW-77')]) {
      const secret = remember(randomBytes(32));
      const authToken = remember(hkdf(secret, 'veilbox/v1/share/auth'));
      const manifestKey = remember(hkdf(secret, 'veilbox/v1/share/manifest'));
      const shareId = b64(randomBytes(16));
      const manifest = seal(manifestKey, Buffer.from(JSON.stringify({ files: files.map((f) => ({ name: f.name, size: f.content.length, blobId: f.blobId, fileKey: b64(f.fileKey) })) })), `share|${shareId}`);
      const pw = sharePassword === null ? null : passwordKeys(sharePassword);
      if (pw) { remember(pw.master); remember(pw.authKey); }
      await json(await call('POST', '/api/v1/shares', { token, json: {
        shareId, tokenHash: b64(sha256(authToken)), manifest: b64(manifest), blobIds: files.map((f) => f.blobId),
        downloadLimit: 3, ...(pw ? { password: { verifier: b64(pw.authKey), kdf: KDF, salt: b64(pw.salt) } } : {}),
      } }), 201);
      const headers = { 'x-share-token': b64(authToken) };
      const body = pw ? { passwordVerifier: b64(pw.authKey) } : {};
      await json(await call('POST', `/api/v1/public/shares/${shareId}/open`, { json: body, headers }), 200);
      const { ticket } = await json<{ ticket: string }>(await call('POST', `/api/v1/public/shares/${shareId}/downloads`, { json: body, headers }), 201);
      remember(Buffer.from(ticket, 'base64url'));
      const got = await call('GET', `/api/v1/public/shares/${shareId}/blobs/${files[1].blobId}`, { headers: { ...headers, 'x-share-ticket': ticket } });
      assert.is(got.status, 200);
      await got.arrayBuffer();
    }

    // A drop: a phone uploads a file without an account.
    const dropSecret = remember(randomBytes(32));
    const dropToken = remember(hkdf(dropSecret, 'veilbox/v1/drop/auth'));
    const drop = await json<{ dropId: string }>(await call('POST', '/api/v1/drops', { token, json: {
      tokenHash: b64(sha256(dropToken)), sizeCap: 10 * 1024 * 1024, info: b64(seal(vault.nodeKey, Buffer.from(JSON.stringify({ folder: 'Renamed-Folder-MARKER-RN02' })))),
    } }), 201);
    const dropHeaders = { 'x-drop-token': b64(dropToken) };
    const phoneKey = remember(randomBytes(32));
    const photo = Buffer.from(`${remember('PLAINTEXT-MARKER-PHOTO-99')} `.repeat(2000));
    const dropBlob = await uploadEncrypted(call, '', phoneKey, photo, `/api/v1/public/drops/${drop.dropId}/uploads`, dropHeaders);
    const item = seal(hkdf(dropSecret, 'veilbox/v1/drop/item'), Buffer.from(JSON.stringify({ name: remember('IMG-MARKER-PHONE-0042.jpg'), fileKey: b64(phoneKey) })));
    await json(await call('POST', `/api/v1/public/drops/${drop.dropId}/items`, { json: { record: b64(item), blobIds: [dropBlob] }, headers: dropHeaders }), 201);
    await json(await call('POST', `/api/v1/drops/${drop.dropId}/close`, { token }), 200);

    // Pairing a device, which then stores its wrap.
    const pairSecret = remember(randomBytes(32));
    const pairToken = remember(hkdf(pairSecret, 'veilbox/v1/pair/auth'));
    const pairing = await json<{ pairingId: string }>(await call('POST', '/api/v1/pairings', { token, json: {
      tokenHash: b64(sha256(pairToken)), payload: b64(seal(hkdf(pairSecret, 'veilbox/v1/pair/key'), vault.vaultKey)),
    } }), 201);
    const claimed = await json<{ deviceToken: string }>(await call('POST', `/api/v1/public/pairings/${pairing.pairingId}/claim`, { json: { token: b64(pairToken), deviceName: 'device' } }), 201);
    remember(Buffer.from(claimed.deviceToken, 'base64url'));
    const deviceKey = remember(randomBytes(32));
    await json(await call('PUT', '/api/v1/devices/self/wrap', { token: claimed.deviceToken, json: { wrap: b64(seal(deviceKey, vault.vaultKey)) } }), 200);

    // Password change: re-wrap only.
    const newPassword = remember('new password MARKER-PW2-c3d4');
    const next = passwordKeys(newPassword);
    for (const k of [next.master, next.authKey, next.passwordKek]) remember(k);
    await json(await call('POST', '/api/v1/auth/password', { token, json: {
      authKey: b64(vault.password.authKey), newKdf: KDF, newSalt: b64(next.salt), newAuthKey: b64(next.authKey),
      newPasswordWrap: b64(seal(next.passwordKek, vault.vaultKey, 'wrap/password')),
    } }), 200);
    const relogin = await json<{ token: string }>(await call('POST', '/api/v1/auth/login', { json: { name: 'zk-user', authKey: b64(next.authKey), session: 'bearer' } }), 200);
    remember(Buffer.from(relogin.token, 'base64url'));

    // The files really are there (so the scan below looks at real data).
    const back = Buffer.from(await (await call('GET', `/api/v1/blobs/${files[0].blobId}`, { token: relogin.token })).arrayBuffer());
    assert.is(back.length, files[0].content.length + 28);
    assert.ok(filesUnder(dir).some((f) => f.endsWith('-wal')), 'the WAL is scanned too');

    // Positive control: the same scan does find what the relay is allowed to keep.
    const everything = Buffer.concat(filesUnder(dir).map((f) => readFileSync(f)));
    assert.ok(everything.includes(Buffer.from('zk-user')), 'the scan finds the login name');
    assert.ok(everything.includes(back.subarray(1000, 1064)), 'the scan finds stored ciphertext');

    const whileRunning = scan(dir);
    assert.equal(whileRunning, [], 'nothing secret in the data folder while the relay runs');
    await relay.stop();
    const afterStop = scan(dir, [{ name: 'relay output', bytes: Buffer.from(relay.output()) }]);
    assert.equal(afterStop, [], 'nothing secret in the data folder or the relay output after shutdown');
    assert.ok(secretBytes.length > 30 && secretTexts.length > 10, 'the scan looked for enough secrets');
  } finally {
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
