// Share links, owner side (DESIGN.md §6): the record holds an opaque manifest encrypted under a key
// from the link's secret, SHA-256 of the share auth token, expiry, download limit, an optional
// password gate (a slow hash of the client's Argon2id verifier) and the blob ids readers may fetch.
import { Hono } from 'hono';
import { hashSecret } from '../auth/password-hash.js';
import { requireAuth } from '../auth/session.js';
import { Fields } from '../http/fields.js';
import { HttpError } from '../http/http-error.js';
import { readJson } from '../http/json-body.js';
import type { AppEnv, Deps } from '../http/types.js';
import { encodeBase64url } from '../lib/base64url.js';
import { newId } from '../lib/ids.js';
import type { ShareRecord } from '../store/meta-records.js';
import { idParam } from './params.js';

export const VERIFIER_BYTES = 32;

export type ShareStatus = 'active' | 'revoked' | 'expired' | 'locked' | 'exhausted';

export function shareStatus(s: ShareRecord, now: number, maxPasswordAttempts: number): ShareStatus {
  if (s.revokedAt !== null) return 'revoked';
  if (s.expiresAt !== null && s.expiresAt <= now) return 'expired';
  if (s.password && s.passwordFailures >= maxPasswordAttempts) return 'locked';
  if (s.downloadLimit !== null && s.downloadsUsed >= s.downloadLimit) return 'exhausted';
  return 'active';
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export function shareRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { meta, config } = deps;
  app.use('/shares', requireAuth(deps));
  app.use('/shares/*', requireAuth(deps));

  const view = (s: ShareRecord, withManifest: boolean) => ({
    shareId: s.id,
    status: shareStatus(s, config.now(), config.share.maxPasswordAttempts),
    createdAt: iso(s.createdAt),
    expiresAt: iso(s.expiresAt),
    downloadLimit: s.downloadLimit,
    downloadsUsed: s.downloadsUsed,
    passwordProtected: s.password !== null,
    passwordFailures: s.passwordFailures,
    revokedAt: iso(s.revokedAt),
    blobIds: s.blobIds,
    ...(withManifest ? { manifest: s.manifest === null ? null : encodeBase64url(s.manifest) } : {}),
  });

  app.post('/shares', async (c) => {
    const f = new Fields(await readJson(c, config.limits.manifestBytes * 2));
    const now = config.now();
    const ttl = f.optionalInt('expiresInSeconds', 60, config.share.maxTtlMs / 1000);
    let password: ShareRecord['password'] = null;
    if (f.has('password')) {
      const p = f.object('password');
      password = {
        hash: await hashSecret(p.bytes('verifier', { exact: VERIFIER_BYTES, max: VERIFIER_BYTES }), config.scrypt),
        kdf: p.kdf('kdf'),
        salt: p.bytes('salt', { min: 16, max: 64 }),
      };
    }
    const share: ShareRecord = {
      id: f.optionalId('shareId') ?? newId(),
      accountId: c.get('auth').accountId,
      tokenHash: f.bytes('tokenHash', { exact: 32, max: 32 }),
      manifest: f.bytes('manifest', { max: config.limits.manifestBytes }),
      blobIds: f.idList('blobIds', config.limits.shareBlobs),
      createdAt: now,
      expiresAt: ttl === null ? null : now + ttl * 1000,
      downloadLimit: f.optionalInt('downloadLimit', 1, 1_000_000),
      downloadsUsed: 0,
      password,
      passwordFailures: 0,
      revokedAt: null,
    };
    const result = await meta.createShare(share);
    if (result === 'id_taken') throw new HttpError(409, 'id_taken', 'That share id is taken; generate a new one.');
    if (result !== 'ok') throw new HttpError(404, 'blob_not_found', 'A blob the share names is not one of yours.', { blobId: result.missingBlob });
    return c.json(view(share, false), 201);
  });

  app.get('/shares', async (c) => {
    return c.json({ shares: (await meta.listShares(c.get('auth').accountId)).map((s) => view(s, false)) });
  });

  app.get('/shares/:shareId', async (c) => {
    const share = await meta.getShare(idParam(c, 'shareId'));
    if (!share || share.accountId !== c.get('auth').accountId) throw new HttpError(404, 'share_not_found', 'No such share.');
    return c.json(view(share, true));
  });

  app.delete('/shares/:shareId', async (c) => {
    if (!(await meta.revokeShare(c.get('auth').accountId, idParam(c, 'shareId'), config.now()))) {
      throw new HttpError(404, 'share_not_found', 'No such share.');
    }
    return c.json({ revoked: true });
  });

  return app;
}
