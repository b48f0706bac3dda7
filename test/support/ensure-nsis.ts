// Makes sure NSIS's makensis exists before the Windows packaging test builds the installer: Debian's
// nsis package when /usr/bin/makensis is missing (about ten seconds).
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const makensisPath = '/usr/bin/makensis';

export function ensureNsis(): void {
  if (existsSync(makensisPath)) return;
  console.log('NSIS is missing: installing Debian\'s package (apt-get install -y nsis)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'nsis'], { stdio: 'inherit', env });
}
