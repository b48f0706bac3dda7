// Account life cycle: pre-login, sign-up, login, logout, change password (DESIGN.md §3). The client
// derives everything with Argon2id; the relay sees the name, the KDF parameters and salt, a 32-byte
// authKey it keeps only as a slow hash, and opaque wraps of the vault key, handed out after login only.
import { createHmac } from 'node:crypto';
import { Hono } from 'hono';
import { AUTH_KEY_BYTES, checkProof, readProof } from '../auth/credentials.js';
import { hashInviteCode } from '../auth/invite-code.js';
import { normalizeName } from '../auth/login-name.js';
import { hashSecret } from '../auth/password-hash.js';
import { clearSessionCookie, requireAuth, startSession, type SessionMode } from '../auth/session.js';
import { clientIp } from '../http/client-ip.js';
import { Fields } from '../http/fields.js';
import { HttpError } from '../http/http-error.js';
import { readJson } from '../http/json-body.js';
import type { AppContext, AppEnv, Deps } from '../http/types.js';
import { encodeBase64url } from '../lib/base64url.js';
import { newId } from '../lib/ids.js';
import type { AccountRecord } from '../store/meta-records.js';

/** Salt of new accounts and of fake pre-login answers; clients may send up to SALT_MAX_BYTES. */
export const SALT_BYTES = 16;
export const SALT_MAX_BYTES = 64;

function sessionMode(f: Fields): SessionMode {
  return (f.optionalString('session', /^(cookie|bearer)$/, 'must be "cookie" or "bearer"') ?? 'cookie') as SessionMode;
}

async function loginAnswer(c: AppContext, deps: Deps, account: AccountRecord, mode: SessionMode, wrap: 'password' | 'recovery') {
  const session = await startSession(c, deps, account.id, mode);
  return {
    accountId: account.id,
    name: account.name,
    kdf: account.kdf,
    salt: encodeBase64url(account.salt),
    ...(wrap === 'password' ? { passwordWrap: encodeBase64url(account.passwordWrap) } : { recoveryWrap: encodeBase64url(account.recoveryWrap) }),
    revision: account.revision,
    quota: account.quota,
    usage: await deps.meta.usage(account.id),
    sessionExpiresAt: new Date(session.expiresAt).toISOString(),
    ...(session.token ? { token: session.token } : {}),
  };
}

export function authRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { config, meta, limiter } = deps;

  app.post('/auth/prelogin', async (c) => {
    await limiter.hit(`prelogin:${clientIp(c, config.trustProxy)}`, config.rateLimits.preloginPerIp);
    const body = await readJson(c, config.limits.jsonBytes);
    const name = normalizeName(body.name);
    const account = await meta.findAccountByName(name);
    if (account) return c.json({ kdf: account.kdf, salt: encodeBase64url(account.salt) });
    // Unknown name: a salt that is stable per name and indistinguishable from a real one.
    const fake = createHmac('sha256', deps.preloginSecret).update(`prelogin-salt\0${name}`).digest().subarray(0, SALT_BYTES);
    return c.json({ kdf: config.defaultKdf, salt: encodeBase64url(fake) });
  });

  app.post('/auth/signup', async (c) => {
    await limiter.hit(`signup:${clientIp(c, config.trustProxy)}`, config.rateLimits.signupPerIp);
    const body = await readJson(c, config.limits.jsonBytes);
    const f = new Fields(body);
    // Before anything else, so an invite-only relay says so whatever else is wrong with the request.
    const inviteText = f.optionalString('invite', /^[A-Za-z2-7\s-]{1,64}$/, 'must be an invite code');
    if (inviteText === null && config.signup === 'invite') {
      throw new HttpError(403, 'invite_required', 'This relay is invite-only; ask its operator for an invite code.');
    }
    const name = normalizeName(body.name);
    const record: AccountRecord = {
      id: f.optionalId('accountId') ?? newId(),
      name,
      kdf: f.kdf('kdf'),
      salt: f.bytes('salt', { min: SALT_BYTES, max: SALT_MAX_BYTES }),
      authHash: '',
      passwordWrap: f.bytes('passwordWrap', { max: config.limits.wrapBytes }),
      recoveryWrap: f.bytes('recoveryWrap', { max: config.limits.wrapBytes }),
      recoveryHash: '',
      quota: config.defaultQuotaBytes,
      revision: 0,
      createdAt: config.now(),
      lastSeenAt: null,
    };
    const authKey = f.bytes('authKey', { exact: AUTH_KEY_BYTES, max: AUTH_KEY_BYTES });
    const recoveryAuthKey = f.bytes('recoveryAuthKey', { exact: AUTH_KEY_BYTES, max: AUTH_KEY_BYTES });
    const mode = sessionMode(f);
    let invite: { codeHash: Buffer; now: number } | undefined;
    if (inviteText !== null) {
      const codeHash = hashInviteCode(inviteText);
      if (!codeHash) throw new HttpError(403, 'invite_invalid', 'The invite code is not valid; ask the relay operator for a new one.');
      invite = { codeHash, now: record.createdAt };
    }
    record.authHash = await hashSecret(authKey, config.scrypt);
    record.recoveryHash = await hashSecret(recoveryAuthKey, config.scrypt);
    const result = await meta.createAccount(record, invite);
    if (result === 'invite_invalid') throw new HttpError(403, 'invite_invalid', 'The invite code is unknown, used, expired or for another name.');
    if (result === 'name_taken' || result === 'name_reserved') throw new HttpError(409, 'name_taken', 'That name is taken; choose another.');
    if (result === 'id_taken') throw new HttpError(409, 'id_taken', 'That account id is taken; generate a new one.');
    const account = (await meta.getAccount(record.id))!;
    return c.json(await loginAnswer(c, deps, account, mode, 'password'), 201);
  });

  app.post('/auth/login', async (c) => {
    await limiter.hit(`login:${clientIp(c, config.trustProxy)}`, config.rateLimits.loginPerIp);
    const body = await readJson(c, config.limits.jsonBytes);
    const f = new Fields(body);
    const name = normalizeName(body.name);
    const proof = readProof(f);
    const mode = sessionMode(f);
    const account = await checkProof(deps, await meta.findAccountByName(name), proof, name);
    return c.json(await loginAnswer(c, deps, account, mode, proof.kind));
  });

  app.post('/auth/logout', requireAuth(deps), async (c) => {
    const auth = c.get('auth');
    await meta.deleteSession(auth.tokenHash);
    deps.events.closeTokens([auth.tokenHash]);
    clearSessionCookie(c, deps);
    return c.json({ ok: true });
  });

  app.post('/auth/password', requireAuth(deps), async (c) => {
    const auth = c.get('auth');
    const f = new Fields(await readJson(c, config.limits.jsonBytes));
    const proof = readProof(f);
    const change = {
      kdf: f.kdf('newKdf'),
      salt: f.bytes('newSalt', { min: SALT_BYTES, max: SALT_MAX_BYTES }),
      passwordWrap: f.bytes('newPasswordWrap', { max: config.limits.wrapBytes }),
    };
    const newAuthKey = f.bytes('newAuthKey', { exact: AUTH_KEY_BYTES, max: AUTH_KEY_BYTES });
    const newRecoveryWrap = f.optionalBytes('newRecoveryWrap', { max: config.limits.wrapBytes });
    const newRecoveryAuthKey = f.optionalBytes('newRecoveryAuthKey', { exact: AUTH_KEY_BYTES, max: AUTH_KEY_BYTES });
    if ((newRecoveryWrap === null) !== (newRecoveryAuthKey === null)) {
      throw new HttpError(400, 'invalid_request', 'Send "newRecoveryWrap" and "newRecoveryAuthKey" together, or neither.');
    }
    const current = await meta.getAccount(auth.accountId);
    const account = await checkProof(deps, current, proof, current?.name ?? auth.accountId);
    await meta.updateCredentials(account.id, {
      ...change,
      authHash: await hashSecret(newAuthKey, config.scrypt),
      ...(newRecoveryWrap && newRecoveryAuthKey ? { recoveryWrap: newRecoveryWrap, recoveryHash: await hashSecret(newRecoveryAuthKey, config.scrypt) } : {}),
    });
    // Other browser sessions end (a changed password often means a leaked one); device tokens stay.
    const ended = await meta.deleteLoginSessions(account.id, auth.deviceId === null ? auth.tokenHash : null);
    deps.events.closeTokens(ended);
    return c.json({ ok: true, endedSessions: ended.length });
  });

  return app;
}
