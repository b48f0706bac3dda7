// Share links, reader side, no account: every call carries `X-Share-Token` (HKDF of the link's
// secret; the relay compares its SHA-256), so a share id alone gets nothing. Order of refusals:
// unknown id or wrong token → share_not_found; then revoked, expired, locked, used up; then the
// password gate. A download is counted by `POST …/downloads`, which the page calls once per download
// and which returns a ticket that the blob reads of that download present.
import { Hono } from 'hono';
import { verifySecret } from '../auth/password-hash.js';
import { hashToken, tokenMatches } from '../auth/tokens.js';
import { clientIp } from '../http/client-ip.js';
import { Fields } from '../http/fields.js';
import { HttpError } from '../http/http-error.js';
import { readJson } from '../http/json-body.js';
import type { AppContext, AppEnv, Deps } from '../http/types.js';
import { encodeBase64url } from '../lib/base64url.js';
import { newToken } from '../lib/ids.js';
import { serveBlob } from '../services/serve-blob.js';
import type { ShareRecord } from '../store/meta-records.js';
import { idParam } from './params.js';
import { VERIFIER_BYTES, shareStatus } from './shares.js';

export function publicShareRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { meta, config } = deps;
  const maxAttempts = config.share.maxPasswordAttempts;

  /** The share if the token fits and it is readable; `allowExhausted` for reads under a ticket. */
  async function readable(c: AppContext, allowExhausted: boolean): Promise<ShareRecord> {
    const share = await meta.getShare(idParam(c, 'shareId'));
    if (!share || !tokenMatches(c.req.header('x-share-token'), share.tokenHash)) {
      throw new HttpError(404, 'share_not_found', 'No such share, or the link is incomplete. Check the whole link, including the part after #.');
    }
    const status = shareStatus(share, config.now(), maxAttempts);
    if (status === 'revoked') throw new HttpError(410, 'share_revoked', 'The owner revoked this share.');
    if (status === 'expired') throw new HttpError(410, 'share_expired', 'This share has expired; ask the owner for a new link.');
    if (status === 'locked') throw new HttpError(423, 'share_locked', 'Too many wrong passwords; this share is locked. Ask the owner for a new link.');
    if (status === 'exhausted' && !allowExhausted) throw new HttpError(410, 'share_exhausted', 'This share\'s download limit is used up.');
    return share;
  }

  async function checkPassword(c: AppContext, share: ShareRecord, body: Record<string, unknown>): Promise<void> {
    if (!share.password) return;
    const f = new Fields(body);
    if (!f.has('passwordVerifier')) {
      throw new HttpError(401, 'share_password_required', 'This share needs its password.', {
        kdf: share.password.kdf, salt: encodeBase64url(share.password.salt), attemptsLeft: maxAttempts - share.passwordFailures,
      });
    }
    await deps.limiter.hit(`share-pw:${clientIp(c, config.trustProxy)}`, config.rateLimits.sharePasswordPerIp);
    const verifier = f.bytes('passwordVerifier', { exact: VERIFIER_BYTES, max: VERIFIER_BYTES });
    if (await verifySecret(verifier, share.password.hash)) return;
    const failures = await meta.recordPasswordFailure(share.id);
    if (failures >= maxAttempts) throw new HttpError(423, 'share_locked', 'Too many wrong passwords; this share is locked. Ask the owner for a new link.');
    throw new HttpError(401, 'share_password_wrong', 'Wrong password.', { attemptsLeft: maxAttempts - failures });
  }

  const info = (s: ShareRecord) => ({
    shareId: s.id,
    expiresAt: s.expiresAt === null ? null : new Date(s.expiresAt).toISOString(),
    downloadLimit: s.downloadLimit,
    downloadsLeft: s.downloadLimit === null ? null : Math.max(0, s.downloadLimit - s.downloadsUsed),
  });

  // What the page needs before asking anything: limits, and the password's KDF inputs if gated.
  app.get('/public/shares/:shareId', async (c) => {
    const share = await readable(c, false);
    return c.json({
      ...info(share),
      password: share.password === null ? null : {
        kdf: share.password.kdf, salt: encodeBase64url(share.password.salt), attemptsLeft: maxAttempts - share.passwordFailures,
      },
    });
  });

  app.post('/public/shares/:shareId/open', async (c) => {
    const share = await readable(c, false);
    await checkPassword(c, share, await readJson(c, config.limits.jsonBytes));
    return c.json({ ...info(share), manifest: encodeBase64url(share.manifest!), blobIds: share.blobIds });
  });

  app.post('/public/shares/:shareId/downloads', async (c) => {
    const share = await readable(c, false);
    await checkPassword(c, share, await readJson(c, config.limits.jsonBytes));
    const ticket = newToken();
    const expiresAt = config.now() + config.share.ticketTtlMs;
    if ((await meta.countDownload(share.id, { hash: hashToken(ticket)!, expiresAt })) === 'exhausted') {
      throw new HttpError(410, 'share_exhausted', 'This share\'s download limit is used up.');
    }
    const after = (await meta.getShare(share.id))!;
    return c.json({ ticket, ticketExpiresAt: new Date(expiresAt).toISOString(), downloadsLeft: info(after).downloadsLeft }, 201);
  });

  app.get('/public/shares/:shareId/blobs/:blobId', async (c) => {
    const share = await readable(c, true);
    const blobId = idParam(c, 'blobId');
    const ticketText = c.req.header('x-share-ticket');
    const ticketHash = ticketText === undefined ? null : hashToken(ticketText);
    const ticket = ticketHash ? await meta.getTicket(ticketHash) : null;
    if (!ticket || ticket.shareId !== share.id || ticket.expiresAt <= config.now()) {
      throw new HttpError(401, 'share_ticket_required', 'Start the download first (POST …/downloads) and send its ticket as X-Share-Ticket.');
    }
    const blob = share.blobIds.includes(blobId) ? await meta.getBlob(blobId) : null;
    if (!blob || blob.accountId !== share.accountId) throw new HttpError(404, 'blob_not_found', 'This share has no such file (it may have been deleted).');
    return serveBlob(c, deps, blob);
  });

  return app;
}
