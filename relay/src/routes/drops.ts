// Drops, owner side (DESIGN.md §6): a short-lived slot that lets someone without an account (a phone
// scanning a QR code) upload into this account. The owner creates it with SHA-256 of the drop auth
// token, a size cap and an expiry of at most 15 minutes; lists what arrived; then closes it (arrived
// blobs become ordinary blobs of the account) or deletes it (arrivals not accepted are discarded).
import { Hono } from 'hono';
import { requireAuth } from '../auth/session.js';
import { Fields } from '../http/fields.js';
import { HttpError } from '../http/http-error.js';
import { readJson } from '../http/json-body.js';
import type { AppEnv, Deps } from '../http/types.js';
import { encodeBase64url } from '../lib/base64url.js';
import { newId } from '../lib/ids.js';
import { purgeBlobData } from '../services/purge.js';
import type { DropRecord } from '../store/meta-records.js';
import { idParam } from './params.js';

const INFO_BYTES = 4096;

export function dropStatus(d: DropRecord, now: number): 'open' | 'expired' | 'closed' {
  if (d.closedAt !== null) return 'closed';
  return d.expiresAt <= now ? 'expired' : 'open';
}

export function dropRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { meta, config } = deps;
  app.use('/drops', requireAuth(deps));
  app.use('/drops/*', requireAuth(deps));

  const view = async (d: DropRecord) => ({
    dropId: d.id,
    status: dropStatus(d, config.now()),
    createdAt: new Date(d.createdAt).toISOString(),
    expiresAt: new Date(d.expiresAt).toISOString(),
    closedAt: d.closedAt === null ? null : new Date(d.closedAt).toISOString(),
    sizeCap: d.sizeCap,
    bytesUsed: await meta.dropUsage(d.id),
    itemCount: (await meta.listDropItems(d.id)).length,
    info: d.info === null ? null : encodeBase64url(d.info),
    publicInfo: d.publicInfo === null ? null : encodeBase64url(d.publicInfo),
  });

  const owned = async (accountId: string, id: string) => {
    const drop = await meta.getDrop(id);
    if (!drop || drop.accountId !== accountId) throw new HttpError(404, 'drop_not_found', 'No such drop.');
    return drop;
  };

  app.post('/drops', async (c) => {
    const f = new Fields(await readJson(c, config.limits.jsonBytes));
    const now = config.now();
    const ttl = f.optionalInt('expiresInSeconds', 30, config.drop.maxTtlMs / 1000);
    const drop: DropRecord = {
      id: f.optionalId('dropId') ?? newId(),
      accountId: c.get('auth').accountId,
      tokenHash: f.bytes('tokenHash', { exact: 32, max: 32 }),
      info: f.optionalBytes('info', { max: INFO_BYTES }),
      publicInfo: f.optionalBytes('publicInfo', { max: INFO_BYTES }),
      createdAt: now,
      expiresAt: now + (ttl === null ? config.drop.defaultTtlMs : ttl * 1000),
      sizeCap: f.int('sizeCap', 1, config.drop.maxSizeCap),
      closedAt: null,
    };
    if ((await meta.createDrop(drop)) === 'id_taken') throw new HttpError(409, 'id_taken', 'That drop id is taken; generate a new one.');
    return c.json(await view(drop), 201);
  });

  app.get('/drops', async (c) => {
    const drops = await meta.listDrops(c.get('auth').accountId);
    return c.json({ drops: await Promise.all(drops.map(view)) });
  });

  app.get('/drops/:dropId', async (c) => {
    return c.json(await view(await owned(c.get('auth').accountId, idParam(c, 'dropId'))));
  });

  app.get('/drops/:dropId/items', async (c) => {
    const drop = await owned(c.get('auth').accountId, idParam(c, 'dropId'));
    const items = await meta.listDropItems(drop.id);
    return c.json({
      items: items.map((i) => ({ itemId: i.id, record: encodeBase64url(i.record), blobIds: i.blobIds, createdAt: new Date(i.createdAt).toISOString() })),
    });
  });

  app.post('/drops/:dropId/close', async (c) => {
    const accountId = c.get('auth').accountId;
    const closed = await meta.closeDrop(accountId, idParam(c, 'dropId'), config.now());
    if (!closed) throw new HttpError(404, 'drop_not_found', 'No such drop.');
    await purgeBlobData(deps.blobs, { blobIds: [], uploads: closed.uploads });
    return c.json(await view(await owned(accountId, c.req.param('dropId'))));
  });

  app.delete('/drops/:dropId', async (c) => {
    const removed = await meta.deleteDrop(c.get('auth').accountId, idParam(c, 'dropId'));
    if (!removed) throw new HttpError(404, 'drop_not_found', 'No such drop.');
    await purgeBlobData(deps.blobs, removed);
    return c.json({ deleted: true, discardedBlobs: removed.blobIds.length });
  });

  return app;
}
