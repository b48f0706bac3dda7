// Where the helper keeps its files: the device key, the sync state, the status and the logs. VEILBOX_HOME
// overrides it (tests); else %LOCALAPPDATA%\Veilbox on Windows, $XDG_STATE_HOME/veilbox or
// ~/.local/state/veilbox elsewhere. The folder is made readable by the user only.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function helperHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VEILBOX_HOME) return env.VEILBOX_HOME;
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? env.APPDATA ?? join(homedir(), 'AppData', 'Local'), 'Veilbox');
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'veilbox');
}

export function ensureHome(home: string): string {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  return home;
}

export const HOME_FILES = {
  device: 'device.json',
  syncDb: 'sync.sqlite',
  status: 'status.json',
  confirm: 'confirm-deletions.json',
  log: 'helper.log',
  config: 'config.json',
  lock: 'sync.lock',
} as const;
