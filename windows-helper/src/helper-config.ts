// The folder `veilbox-helper sync` keeps in sync when started without --folder (the installer's logon
// start): remembered in config.json in the helper's home by `pair --folder DIR` and by the first
// `sync --folder DIR`; with none remembered, ~/Veilbox (%USERPROFILE%\Veilbox on Windows), made if
// missing. The vault folder is the PWA's to choose (device records) or --vault-folder's.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureHome, HOME_FILES } from './helper-home.js';

export interface HelperConfig { folder?: string; vaultFolder?: string }

export function readConfig(home: string): HelperConfig {
  const path = join(home, HOME_FILES.config);
  if (!existsSync(path)) return {};
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as HelperConfig;
    return { folder: typeof parsed.folder === 'string' ? parsed.folder : undefined, vaultFolder: typeof parsed.vaultFolder === 'string' ? parsed.vaultFolder : undefined };
  } catch {
    return {};
  }
}

export function saveConfig(home: string, change: HelperConfig): HelperConfig {
  const config = { ...readConfig(home), ...change };
  const path = join(ensureHome(home), HOME_FILES.config);
  writeFileSync(`${path}.tmp`, JSON.stringify(config, null, 2), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
  return config;
}

export function defaultFolder(env: NodeJS.ProcessEnv = process.env): string {
  return join(process.platform === 'win32' && env.USERPROFILE ? env.USERPROFILE : homedir(), 'Veilbox');
}

/**
 * The folder to sync: --folder (then remembered), else the remembered one, else the default (made, and
 * remembered). Missing folders are made: a logon start must not fail because the folder was removed.
 */
export function folderToSync(home: string, given: string | undefined, env: NodeJS.ProcessEnv = process.env): { folder: string; source: 'given' | 'remembered' | 'default' } {
  const remembered = readConfig(home).folder;
  const folder = resolve(given ?? remembered ?? defaultFolder(env));
  mkdirSync(folder, { recursive: true });
  if (folder !== remembered) saveConfig(home, { folder });
  return { folder, source: given ? 'given' : remembered ? 'remembered' : 'default' };
}
