// Drops, uploader side, no account: every call carries `X-Drop-Token` (from the drop link's secret).
// Uploads use the same resumable machinery as the account's, counted against the owner's quota and
// the drop's cap. New uploads need an open drop; uploads already started may finish (and their item
// be posted) within a grace period after expiry, so a phone on a slow link isn't cut off mid-file.
import { Hono } from 'hono';
import { tokenMatches } from '../auth/tokens.js';
import { Fields } from '../http/fields.js';
import { HttpError } from '../http/http-error.js';
import { readJson } from '../http/json-body.js';
import type { AppContext, AppEnv, Deps } from '../http/types.js';
import { encodeBase64url } from '../lib/base64url.js';
import { newId } from '../lib/ids.js';
import { commitUpload, createUpload, findUpload, putPart, uploadView } from '../services/uploads.js';
import type { DropRecord } from '../store/meta-records.js';
import { idParam } from './params.js';

type Stage = 'new' | 'continue';

export function publicDropRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { meta, config } = deps;

  async function usable(c: AppContext, stage: Stage): Promise<DropRecord> {
    const drop = await meta.getDrop(idParam(c, 'dropId'));
    if (!drop || !tokenMatches(c.req.header('x-drop-token'), drop.tokenHash)) {
      throw new HttpError(404, 'drop_not_found', 'No such drop, or the link is incomplete. Check the whole link, including the part after #.');
    }
    if (drop.closedAt !== null) throw new HttpError(410, 'drop_closed', 'The owner closed this drop.');
    const deadline = stage === 'new' ? drop.expiresAt : drop.expiresAt + config.drop.graceMs;
    if (deadline <= config.now()) throw new HttpError(410, 'drop_expired', 'This drop has expired; ask the owner for a new code.');
    return drop;
  }

  const owner = (drop: DropRecord) => ({ accountId: drop.accountId, dropId: drop.id });

  app.get('/public/drops/:dropId', async (c) => {
    const drop = await usable(c, 'new');
    return c.json({
      dropId: drop.id, expiresAt: new Date(drop.expiresAt).toISOString(), sizeCap: drop.sizeCap,
      bytesUsed: await meta.dropUsage(drop.id), partSize: config.partSize,
      publicInfo: drop.publicInfo === null ? null : encodeBase64url(drop.publicInfo),
    });
  });

  app.post('/public/drops/:dropId/uploads', async (c) => {
    const drop = await usable(c, 'new');
    const size = new Fields(await readJson(c, config.limits.jsonBytes)).int('size', 1, Number.MAX_SAFE_INTEGER);
    const account = await meta.getAccount(drop.accountId);
    if (!account) throw new HttpError(404, 'drop_not_found', 'No such drop.');
    const upload = await createUpload(deps, { ...owner(drop), quota: account.quota, dropCap: drop.sizeCap }, size);
    return c.json(uploadView(upload, []), 201);
  });

  app.get('/public/drops/:dropId/uploads/:blobId', async (c) => {
    const drop = await usable(c, 'continue');
    const upload = await findUpload(deps, idParam(c, 'blobId'), owner(drop));
    return c.json(uploadView(upload, await meta.listParts(upload.id)));
  });

  app.put('/public/drops/:dropId/uploads/:blobId/parts/:index', async (c) => {
    const drop = await usable(c, 'continue');
    const upload = await findUpload(deps, idParam(c, 'blobId'), owner(drop));
    return c.json(await putPart(c, deps, upload, c.req.param('index')));
  });

  app.post('/public/drops/:dropId/uploads/:blobId/commit', async (c) => {
    const drop = await usable(c, 'continue');
    const blob = await commitUpload(deps, await findUpload(deps, idParam(c, 'blobId'), owner(drop)));
    return c.json({ blobId: blob.id, size: blob.size, createdAt: new Date(blob.createdAt).toISOString() }, 201);
  });

  // The arrival: an opaque record (file keys wrapped by the drop secret, names, sizes) naming its blobs.
  app.post('/public/drops/:dropId/items', async (c) => {
    const drop = await usable(c, 'continue');
    const f = new Fields(await readJson(c, config.limits.dropItemBytes * 2));
    const item = {
      id: newId(), dropId: drop.id, record: f.bytes('record', { max: config.limits.dropItemBytes }),
      blobIds: f.idList('blobIds', 1000), createdAt: config.now(),
    };
    const result = await meta.addDropItem(item, config.limits.dropItems);
    if (result === 'too_many') throw new HttpError(409, 'drop_full', 'This drop holds as many items as it can.');
    if (result === 'blob_not_in_drop') throw new HttpError(404, 'blob_not_found', 'Every blob of the item must have been uploaded through this drop.');
    deps.events.publish(drop.accountId, { type: 'drop', dropId: drop.id });
    return c.json({ itemId: item.id }, 201);
  });

  return app;
}
