// Serves the built PWA (`pwa/dist`): files by path, `index.html` for app routes (`/`, `/s/<id>`,
// `/d/<id>`, `/pair`, any extension-less path), 404 JSON for a missing asset. Paths are decoded,
// normalised and must stay inside the folder. Without a build, a page says how to make one.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { HttpError } from './http-error.js';
import { sendStream } from './streams.js';
import type { AppContext } from './types.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.jpg': 'image/jpeg', '.webp': 'image/webp',
  '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json', '.woff2': 'font/woff2',
};

const NO_BUILD_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Veilbox relay</title></head>
<body><h1>Veilbox relay is running</h1>
<p>The web app is not built yet. In the repository, run <code>npm run build</code>, then reload this page
(or start the relay with <code>npm start</code>, which builds first).</p></body></html>
`;

async function fileAt(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    throw new HttpError(400, 'invalid_path', 'The path is not valid URL encoding.');
  }
  if (decoded.includes('\0') || decoded.includes('\\')) throw new HttpError(400, 'invalid_path', 'The path holds forbidden characters.');
  const full = normalize(join(root, decoded));
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  const info = await stat(full).catch(() => null);
  return info?.isFile() ? full : null;
}

export async function serveStatic(c: AppContext, root: string | null, securityHeaders: Record<string, string>): Promise<Response> {
  const rootDir = root === null ? null : normalize(root);
  const index = rootDir === null ? null : await fileAt(rootDir, '/index.html');
  if (rootDir === null || index === null) return c.html(NO_BUILD_PAGE, 200, { 'Cache-Control': 'no-store' });
  const path = c.req.path;
  let file = path === '/' ? index : await fileAt(rootDir, path);
  if (file === null) {
    // App routes get the shell; a missing file with an extension is a real 404.
    if (extname(path) !== '') throw new HttpError(404, 'not_found', 'No such file.');
    file = index;
  }
  const info = await stat(file);
  const immutable = file.startsWith(join(rootDir, 'assets') + sep);
  return sendStream(c, {
    status: 200,
    headers: {
      'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(info.size),
      // Hashed build assets never change; the shell, the service worker and the manifest must revalidate.
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
    body: createReadStream(file),
  }, securityHeaders);
}
