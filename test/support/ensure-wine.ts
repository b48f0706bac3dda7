// Makes sure Wine (64-bit) exists before the Windows packaging test runs the helper and its installer:
// Debian's wine64 package when /usr/bin/wine is missing (under a minute here). Answers why not, instead
// of throwing, when it can't be had, so the smoke test can say it didn't run.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const winePath = '/usr/bin/wine';

export type WineAvailability = { ok: true; wine: string } | { ok: false; reason: string };

export function ensureWine(): WineAvailability {
  if (existsSync(winePath)) return { ok: true, wine: winePath };
  if (process.env.VEILBOX_NO_WINE_INSTALL) return { ok: false, reason: 'wine is missing and VEILBOX_NO_WINE_INSTALL is set' };
  console.log('Wine is missing: installing Debian\'s package (apt-get install -y wine64)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'wine64'], { stdio: 'inherit', env });
  } catch (error) {
    return { ok: false, reason: `apt-get install -y wine64 failed (${error instanceof Error ? error.message : String(error)})` };
  }
  return existsSync(winePath) ? { ok: true, wine: winePath } : { ok: false, reason: 'wine64 installed but /usr/bin/wine is missing' };
}
