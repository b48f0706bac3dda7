// The signed-in account: who am I (`GET /account`) and delete everything (`DELETE /account`, which
// needs the authKey or recovery auth key again, so a stolen session alone can't wipe a vault).
import { Hono } from 'hono';
import { checkProof, readProof } from '../auth/credentials.js';
import { clearSessionCookie, requireAuth } from '../auth/session.js';
import { Fields } from '../http/fields.js';
import { HttpError } from '../http/http-error.js';
import { readJson } from '../http/json-body.js';
import type { AppEnv, Deps } from '../http/types.js';
import { purgeBlobData } from '../services/purge.js';

export function accountRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { meta, config } = deps;
  app.use('/account', requireAuth(deps));

  app.get('/account', async (c) => {
    const auth = c.get('auth');
    const account = await meta.getAccount(auth.accountId);
    if (!account) throw new HttpError(401, 'unauthenticated', 'The account is gone.');
    return c.json({
      accountId: account.id,
      name: account.name,
      quota: account.quota,
      usage: await meta.usage(account.id),
      revision: account.revision,
      createdAt: new Date(account.createdAt).toISOString(),
      deviceId: auth.deviceId,
    });
  });

  app.delete('/account', async (c) => {
    const auth = c.get('auth');
    const proof = readProof(new Fields(await readJson(c, config.limits.jsonBytes)));
    const current = await meta.getAccount(auth.accountId);
    const account = await checkProof(deps, current, proof, current?.name ?? auth.accountId);
    const removed = await meta.deleteAccount(account.id);
    if (removed) await purgeBlobData(deps.blobs, removed);
    deps.events.closeAccount(account.id);
    clearSessionCookie(c, deps);
    return c.json({ deleted: true });
  });

  return app;
}
