// Where an S3 blob store lives: the `--blobs s3://BUCKET[/PREFIX]?endpoint=…&region=…` URL, parsed
// without loading the AWS SDK (options.ts checks it at start-up; s3-blob-store.ts uses it).

export interface S3Location {
  bucket: string;
  /** Key prefix inside the bucket (e.g. `veilbox/`); empty for the bucket's root. */
  prefix: string;
  endpoint: string | null;
  region: string;
  /** Path-style addressing (`endpoint/bucket/key`), which MinIO, Ceph and s3rver need. */
  forcePathStyle: boolean;
}

/** Parses `s3://BUCKET[/PREFIX]?endpoint=URL&region=NAME&path-style=true|false`. */
export function parseS3Url(text: string): S3Location {
  let u: URL;
  try { u = new URL(text); } catch { throw new Error('--blobs takes s3://BUCKET?endpoint=URL&region=NAME'); }
  if (u.protocol !== 's3:' || !u.hostname) throw new Error('--blobs takes s3://BUCKET?endpoint=URL&region=NAME');
  for (const key of u.searchParams.keys()) {
    if (!['endpoint', 'region', 'path-style'].includes(key)) throw new Error(`--blobs: unknown parameter "${key}" (endpoint, region, path-style)`);
  }
  const endpoint = u.searchParams.get('endpoint');
  if (endpoint !== null && !/^https?:\/\//.test(endpoint)) throw new Error('--blobs: endpoint must be an http:// or https:// URL');
  const pathStyle = u.searchParams.get('path-style');
  let prefix = decodeURIComponent(u.pathname.replace(/^\/+/, ''));
  if (prefix && !prefix.endsWith('/')) prefix += '/';
  return {
    bucket: u.hostname,
    prefix,
    endpoint,
    region: u.searchParams.get('region') ?? process.env.AWS_REGION ?? 'us-east-1',
    forcePathStyle: pathStyle === null ? endpoint !== null : pathStyle === 'true',
  };
}
