// Makes sure a Chromium binary exists before the browser suites run: Debian's package when
// /usr/bin/chromium is missing and CHROMIUM_PATH names no other browser. Never downloads a browser build.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export function ensureChromium(): void {
  const named = process.env.CHROMIUM_PATH;
  if (named && existsSync(named)) return;
  if (existsSync('/usr/bin/chromium')) return;
  console.log('Chromium is missing: installing Debian\'s package (apt-get install -y chromium)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
}
