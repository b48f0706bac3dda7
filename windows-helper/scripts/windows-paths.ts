// Where the Windows build keeps its downloads, its intermediate files and its output. Downloads sit
// in windows-helper/.cache/ (reused between builds); windows-helper/dist/ holds the install tree
// (what the installer copies, VeilboxHelper.exe first) and VeilboxHelperSetup.exe. Both are gitignored.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WindowsPaths {
  /** windows-helper/ itself. */
  helperDir: string;
  cacheDir: string;
  /** Intermediate files of one build: the bundle, the SEA config and blob. */
  workDir: string;
  distDir: string;
  /** The folder the installer copies into %LOCALAPPDATA%\Veilbox, laid out as it will be there. */
  installTree: string;
  helperExe: string;
  /** The same program as a Windows GUI (no console) executable, for the logon start (pe-subsystem.ts). */
  backgroundExe: string;
  setupExe: string;
  nsisScript: string;
}

export function windowsPaths(helperDir = fileURLToPath(new URL('..', import.meta.url))): WindowsPaths {
  const cacheDir = join(helperDir, '.cache');
  const distDir = join(helperDir, 'dist');
  const installTree = join(distDir, 'VeilboxHelper');
  return {
    helperDir,
    cacheDir,
    workDir: join(cacheDir, 'build'),
    distDir,
    installTree,
    helperExe: join(installTree, 'VeilboxHelper.exe'),
    backgroundExe: join(installTree, 'VeilboxHelperBackground.exe'),
    setupExe: join(distDir, 'VeilboxHelperSetup.exe'),
    nsisScript: join(helperDir, 'installer', 'veilbox-helper.nsi'),
  };
}
