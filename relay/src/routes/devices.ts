// Devices (the helper, a remembered browser): each has a bearer token the relay keeps as a hash and
// an opaque wrap of the vault key under the device's own key. List, revoke (token and wrap go), and
// the device's own view of itself. Pairing a new device lives in pairings.ts.

/*
 * [Note: Sessions bound to a device]
 * A browser that logs in with "remember this device" holds two credentials: its login session (the
 * cookie, which the page and the live-event socket use) and the device token (which unlocks without a
 * password later). Removing that device from the list must sign the browser out, not only stop its
 * next password-less unlock, so the login session that registered a device is bound to it and ends
 * with it. The session that removes a device keeps going (forgetting this browser is not logging out).
 */
import { Hono } from 'hono';
import { requireAuth } from '../auth/session.js';
import { hashToken } from '../auth/tokens.js';
import { Fields } from '../http/fields.js';
import { HttpError } from '../http/http-error.js';
import { readJson } from '../http/json-body.js';
import type { AppContext, AppEnv, Deps } from '../http/types.js';
import { encodeBase64url } from '../lib/base64url.js';
import { newId, newToken } from '../lib/ids.js';
import type { DeviceRecord } from '../store/meta-records.js';
import { idParam } from './params.js';

/** Shown in the device list; visible to the relay (clients may send a neutral label). */
export const DEVICE_NAME = /^[^\p{Cc}]{1,64}$/u;

export function deviceView(d: DeviceRecord, currentDeviceId: string | null) {
  return {
    deviceId: d.id, name: d.name, createdAt: new Date(d.createdAt).toISOString(),
    lastSeenAt: d.lastSeenAt === null ? null : new Date(d.lastSeenAt).toISOString(),
    hasWrap: d.wrap !== null, current: d.id === currentDeviceId,
  };
}

function requireDevice(c: AppContext): string {
  const deviceId = c.get('auth').deviceId;
  if (deviceId === null) throw new HttpError(403, 'device_token_required', 'Only a device token (Authorization: Bearer) can use this route.');
  return deviceId;
}

export function deviceRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { meta, config } = deps;
  app.use('/devices', requireAuth(deps));
  app.use('/devices/*', requireAuth(deps));

  // A signed-in session registers a device directly (e.g. the helper after a password login).
  app.post('/devices', async (c) => {
    const auth = c.get('auth');
    if (auth.deviceId !== null) throw new HttpError(403, 'login_required', 'A device token can\'t register other devices; sign in with the password.');
    const f = new Fields(await readJson(c, config.limits.jsonBytes));
    const now = config.now();
    const token = newToken();
    const device: DeviceRecord = {
      id: newId(), accountId: auth.accountId, name: f.string('name', DEVICE_NAME, 'must be 1–64 characters without control characters'),
      wrap: f.optionalBytes('wrap', { max: config.limits.wrapBytes }), createdAt: now, lastSeenAt: null,
    };
    await meta.createDevice(device, { tokenHash: hashToken(token)!, accountId: auth.accountId, deviceId: device.id, createdAt: now, expiresAt: null, lastSeenAt: now }, auth.tokenHash);
    return c.json({ ...deviceView(device, null), deviceToken: token }, 201);
  });

  app.get('/devices', async (c) => {
    const auth = c.get('auth');
    return c.json({ devices: (await meta.listDevices(auth.accountId)).map((d) => deviceView(d, auth.deviceId)) });
  });

  app.get('/devices/self', async (c) => {
    const device = await meta.getDevice(c.get('auth').accountId, requireDevice(c));
    if (!device) throw new HttpError(401, 'unauthenticated', 'This device was revoked.');
    return c.json({ ...deviceView(device, device.id), wrap: device.wrap === null ? null : encodeBase64url(device.wrap) });
  });

  app.put('/devices/self/wrap', async (c) => {
    const deviceId = requireDevice(c);
    const wrap = new Fields(await readJson(c, config.limits.jsonBytes)).bytes('wrap', { max: config.limits.wrapBytes });
    if (!(await meta.setDeviceWrap(c.get('auth').accountId, deviceId, wrap))) throw new HttpError(401, 'unauthenticated', 'This device was revoked.');
    return c.json({ ok: true });
  });

  app.delete('/devices/:deviceId', async (c) => {
    const auth = c.get('auth');
    const ended = await meta.deleteDevice(auth.accountId, idParam(c, 'deviceId'), auth.tokenHash);
    if (!ended) throw new HttpError(404, 'device_not_found', 'No such device.');
    deps.events.closeTokens(ended);
    return c.json({ revoked: true });
  });

  return app;
}
