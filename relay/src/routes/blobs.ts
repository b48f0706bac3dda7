// The account's blobs and resumable uploads: `/uploads` (create, status, parts, commit, abort) and
// `/blobs` (list, download with Range, delete, and a batch of small blobs in one request). A blob is
// opaque ciphertext; its id is chosen by the relay and it becomes visible only once whole.
import { Hono } from 'hono';
import { requireAuth } from '../auth/session.js';
import { Fields } from '../http/fields.js';
import { HttpError } from '../http/http-error.js';
import { readJson } from '../http/json-body.js';
import type { AppContext, AppEnv, Deps } from '../http/types.js';
import { storeBlobBatch } from '../services/blob-batch.js';
import { serveBlob } from '../services/serve-blob.js';
import { abortUpload, commitUpload, createUpload, findUpload, putPart, uploadView } from '../services/uploads.js';
import { KeyedSlots } from '../lib/keyed-slots.js';
import { idParam } from './params.js';

const LIST_LIMIT = 1000;
/**
 * Blob batches whose bytes (up to one part each) may be in memory at once, per account and in all; more
 * wait with their bodies unread. A client sends two at a time, so four leave room for a second device.
 */
export const BATCHES_PER_ACCOUNT = 4;
const BATCHES_IN_ALL = 32;

export function blobRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { meta, config } = deps;
  const own = (c: AppContext) => ({ accountId: c.get('auth').accountId, dropId: null });
  const batchSlots = new KeyedSlots(BATCHES_PER_ACCOUNT, BATCHES_IN_ALL);
  app.use('/uploads/*', requireAuth(deps));
  app.use('/uploads', requireAuth(deps));
  app.use('/blobs/*', requireAuth(deps));
  app.use('/blobs', requireAuth(deps));

  app.post('/uploads', async (c) => {
    const f = new Fields(await readJson(c, config.limits.jsonBytes));
    const size = f.int('size', 1, Number.MAX_SAFE_INTEGER);
    const account = await meta.getAccount(c.get('auth').accountId);
    if (!account) throw new HttpError(401, 'unauthenticated', 'The account is gone.');
    const upload = await createUpload(deps, { accountId: account.id, dropId: null, quota: account.quota, dropCap: null }, size);
    return c.json(uploadView(upload, []), 201);
  });

  app.get('/uploads', async (c) => {
    const uploads = (await meta.listUploads(c.get('auth').accountId)).filter((u) => u.dropId === null && u.expiresAt > config.now());
    return c.json({ uploads: await Promise.all(uploads.map(async (u) => uploadView(u, await meta.listParts(u.id)))) });
  });

  app.get('/uploads/:blobId', async (c) => {
    const upload = await findUpload(deps, idParam(c, 'blobId'), own(c));
    return c.json(uploadView(upload, await meta.listParts(upload.id)));
  });

  app.put('/uploads/:blobId/parts/:index', async (c) => {
    const upload = await findUpload(deps, idParam(c, 'blobId'), own(c));
    return c.json(await putPart(c, deps, upload, c.req.param('index')));
  });

  app.post('/uploads/:blobId/commit', async (c) => {
    const upload = await findUpload(deps, idParam(c, 'blobId'), own(c));
    const blob = await commitUpload(deps, upload);
    return c.json({ blobId: blob.id, size: blob.size, createdAt: new Date(blob.createdAt).toISOString() }, 201);
  });

  app.delete('/uploads/:blobId', async (c) => {
    const upload = await findUpload(deps, idParam(c, 'blobId'), own(c));
    await abortUpload(deps, upload);
    return c.json({ aborted: true });
  });

  // Small blobs many at a time (services/blob-batch.ts): the framed body is not JSON.
  app.post('/blobs/batch', async (c) => {
    const account = await meta.getAccount(c.get('auth').accountId);
    if (!account) throw new HttpError(401, 'unauthenticated', 'The account is gone.');
    const done = await batchSlots.acquire(account.id);
    let blobs;
    try {
      blobs = await storeBlobBatch(c, deps, account);
    } finally {
      done();
    }
    return c.json({ blobs: blobs.map((b) => ({ blobId: b.id, size: b.size, createdAt: new Date(b.createdAt).toISOString() })) }, 201);
  });

  app.get('/blobs', async (c) => {
    const after = c.req.query('after') ?? '';
    if (after !== '' && !/^[A-Za-z0-9_-]{22}$/.test(after)) throw new HttpError(400, 'invalid_id', '"after" must be a blob id.');
    const limit = Math.min(LIST_LIMIT, Math.max(1, Number(c.req.query('limit') ?? LIST_LIMIT) || LIST_LIMIT));
    const blobs = await meta.listBlobs(c.get('auth').accountId, after, limit);
    return c.json({
      blobs: blobs.map((b) => ({ blobId: b.id, size: b.size, createdAt: new Date(b.createdAt).toISOString() })),
      next: blobs.length === limit ? blobs[blobs.length - 1].id : null,
    });
  });

  app.get('/blobs/:blobId', async (c) => {
    const blob = await meta.getBlob(idParam(c, 'blobId'));
    if (!blob || blob.accountId !== c.get('auth').accountId) throw new HttpError(404, 'blob_not_found', 'No such blob.');
    return serveBlob(c, deps, blob);
  });

  app.delete('/blobs/:blobId', async (c) => {
    const id = idParam(c, 'blobId');
    if (!(await meta.deleteBlob(c.get('auth').accountId, id))) throw new HttpError(404, 'blob_not_found', 'No such blob.');
    await deps.blobs.delete(id);
    return c.json({ deleted: true });
  });

  return app;
}
