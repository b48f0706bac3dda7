// Pairing a new device (DESIGN.md §3 "Pairing"): the signed-in client posts an opaque payload (the
// vault key wrapped under a key from a one-time secret) and SHA-256 of the secret's auth token; the new
// device proves the token within minutes and a handful of attempts, and gets the payload plus a device
// token. Single use: the payload is erased when claimed or burnt.
import { Hono } from 'hono';
import { requireAuth } from '../auth/session.js';
import { hashToken } from '../auth/tokens.js';
import { clientIp } from '../http/client-ip.js';
import { Fields } from '../http/fields.js';
import { HttpError } from '../http/http-error.js';
import { readJson } from '../http/json-body.js';
import type { AppEnv, Deps } from '../http/types.js';
import { encodeBase64url } from '../lib/base64url.js';
import { newId, newToken } from '../lib/ids.js';
import type { PairingRecord } from '../store/meta-records.js';
import { DEVICE_NAME } from './devices.js';
import { idParam } from './params.js';

const PAYLOAD_BYTES = 4096;

function status(p: PairingRecord, now: number, maxAttempts: number) {
  if (p.claimedAt !== null) return 'claimed';
  if (p.attempts >= maxAttempts) return 'burnt';
  return p.expiresAt <= now ? 'expired' : 'pending';
}

export function pairingRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { meta, config } = deps;
  const maxAttempts = config.pairing.maxAttempts;
  app.use('/pairings', requireAuth(deps));
  app.use('/pairings/*', requireAuth(deps));

  app.post('/pairings', async (c) => {
    const f = new Fields(await readJson(c, config.limits.jsonBytes));
    const now = config.now();
    const ttl = f.optionalInt('expiresInSeconds', 30, config.pairing.maxTtlMs / 1000);
    const pairing: PairingRecord = {
      id: f.optionalId('pairingId') ?? newId(), accountId: c.get('auth').accountId,
      tokenHash: f.bytes('tokenHash', { exact: 32, max: 32 }), payload: f.bytes('payload', { max: PAYLOAD_BYTES }),
      createdAt: now, expiresAt: now + (ttl === null ? config.pairing.defaultTtlMs : ttl * 1000),
      attempts: 0, deviceId: null, claimedAt: null,
    };
    if ((await meta.createPairing(pairing)) === 'id_taken') throw new HttpError(409, 'id_taken', 'That pairing id is taken; generate a new secret.');
    return c.json({ pairingId: pairing.id, expiresAt: new Date(pairing.expiresAt).toISOString(), maxAttempts }, 201);
  });

  app.get('/pairings/:pairingId', async (c) => {
    const p = await meta.getPairing(idParam(c, 'pairingId'));
    if (!p || p.accountId !== c.get('auth').accountId) throw new HttpError(404, 'pairing_not_found', 'No such pairing.');
    return c.json({
      pairingId: p.id, status: status(p, config.now(), maxAttempts), deviceId: p.deviceId,
      expiresAt: new Date(p.expiresAt).toISOString(), attemptsLeft: Math.max(0, maxAttempts - p.attempts),
    });
  });

  app.delete('/pairings/:pairingId', async (c) => {
    if (!(await meta.deletePairing(c.get('auth').accountId, idParam(c, 'pairingId')))) throw new HttpError(404, 'pairing_not_found', 'No such pairing.');
    return c.json({ deleted: true });
  });

  // Anonymous: the new device has no account session yet, only the secret.
  app.post('/public/pairings/:pairingId/claim', async (c) => {
    await deps.limiter.hit(`pair:${clientIp(c, config.trustProxy)}`, config.rateLimits.pairingClaimPerIp);
    const id = idParam(c, 'pairingId');
    const f = new Fields(await readJson(c, config.limits.jsonBytes));
    const tokenHash = hashToken(f.token('token'))!;
    const deviceName = f.string('deviceName', DEVICE_NAME, 'must be 1–64 characters without control characters');
    const now = config.now();
    const deviceToken = newToken();
    const device = { id: newId(), name: deviceName, wrap: null, createdAt: now, lastSeenAt: now };
    const result = await meta.claimPairing(id, tokenHash, now, maxAttempts, device,
      { tokenHash: hashToken(deviceToken)!, createdAt: now, expiresAt: null, lastSeenAt: now });
    switch (result.status) {
      case 'not_found': throw new HttpError(404, 'pairing_not_found', 'No such pairing; start pairing again on the other device.');
      case 'expired': throw new HttpError(410, 'pairing_expired', 'The pairing code expired; start pairing again.');
      case 'used': throw new HttpError(410, 'pairing_used', 'The pairing code was already used or burnt; start pairing again.');
      case 'wrong': throw new HttpError(401, 'pairing_secret_wrong', 'The pairing code is wrong.', { attemptsLeft: result.attemptsLeft });
    }
    const account = await meta.getAccount(result.pairing.accountId);
    return c.json({
      accountId: result.pairing.accountId, name: account?.name ?? null, deviceId: device.id, deviceToken,
      payload: encodeBase64url(result.pairing.payload!),
    }, 201);
  });

  return app;
}
