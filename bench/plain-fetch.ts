// The baselines the browser benchmarks compare with: the relay's API driven by plain `fetch` from a page
// of the relay's origin (its session cookie), no app code. Files come from a hidden file input.
import type { Page } from 'playwright-core';

export const BENCH_FILE_INPUT = 'bench-file';

/** A hidden `<input type=file multiple id=bench-file>` in `page`, for setInputFiles. */
export async function addFileInput(page: Page): Promise<void> {
  await page.evaluate((id) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.id = id;
    input.hidden = true;
    document.body.append(input);
  }, BENCH_FILE_INPUT);
}

/** Creates an upload for the input's file `index`, PUTs its slices one after another, commits; returns the blob id. */
export async function fetchUpload(page: Page, index = 0): Promise<string> {
  return page.evaluate(async ({ id, index }) => {
    const file = (document.getElementById(id) as HTMLInputElement).files![index];
    const api = '/api/v1';
    const created = await (await fetch(`${api}/uploads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ size: file.size }) })).json() as { blobId: string; partSize: number };
    for (let i = 0, at = 0; at < file.size; i++, at += created.partSize) {
      const r = await fetch(`${api}/uploads/${created.blobId}/parts/${i}`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: file.slice(at, at + created.partSize) });
      if (!r.ok) throw new Error(`part ${i}: ${r.status}`);
    }
    const c = await fetch(`${api}/uploads/${created.blobId}/commit`, { method: 'POST' });
    if (!c.ok) throw new Error(`commit: ${c.status}`);
    return created.blobId;
  }, { id: BENCH_FILE_INPUT, index });
}

/** GETs the blobs one after another into one file of the origin-private file system; returns its size. */
export async function fetchDownload(page: Page, blobIds: readonly string[], fileName = 'plain-download'): Promise<number> {
  return page.evaluate(async ({ ids, fileName }) => {
    const dir = await navigator.storage.getDirectory();
    const handle = await dir.getFileHandle(fileName, { create: true });
    const out = await handle.createWritable();
    for (const id of ids) {
      const r = await fetch(`/api/v1/blobs/${id}`);
      if (!r.ok) throw new Error(`blob ${id}: ${r.status}`);
      await r.body!.pipeTo(out, { preventClose: true });
    }
    await out.close();
    return (await handle.getFile()).size;
  }, { ids: blobIds, fileName });
}
