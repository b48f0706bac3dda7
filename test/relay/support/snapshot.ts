// What an account holds, as seen through the API: used by the bad-input and isolation tests to show
// that a refused request changed nothing stored.
type Call = (method: string, path: string) => Promise<Response>;

export async function accountSnapshot(call: Call): Promise<string> {
  const get = async (path: string) => {
    const res = await call('GET', path);
    if (res.status !== 200) throw new Error(`snapshot ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const account = await get('/api/v1/account') as Record<string, unknown>;
  const drops = await get('/api/v1/drops') as { drops: { dropId: string }[] };
  const items = await Promise.all(drops.drops.map((d) => get(`/api/v1/drops/${d.dropId}/items`)));
  const blobs = await get('/api/v1/blobs') as { blobs: { blobId: string }[] };
  const contents = await Promise.all(blobs.blobs.map(async (b) => {
    const res = await call('GET', `/api/v1/blobs/${b.blobId}`);
    return Buffer.from(await res.arrayBuffer()).toString('base64');
  }));
  return JSON.stringify({
    usage: account.usage, revision: account.revision, quota: account.quota,
    blobs, contents, uploads: await get('/api/v1/uploads'), nodes: await get('/api/v1/nodes/changes?since=0'),
    shares: await get('/api/v1/shares'), drops, items, devices: await get('/api/v1/devices'),
  });
}
