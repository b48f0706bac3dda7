// Makes sure Firefox ESR exists before the second-engine suites run (the share page in Firefox,
// driven by puppeteer-core over WebDriver BiDi): Debian's package when /usr/bin/firefox-esr is
// missing and FIREFOX_PATH names no other browser. Never downloads a browser build.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export function ensureFirefox(): void {
  if (existsSync(firefoxPath)) return;
  console.log('Firefox ESR is missing: installing Debian\'s package (apt-get install -y firefox-esr)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'firefox-esr'], { stdio: 'inherit', env });
}
