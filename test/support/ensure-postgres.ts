// Makes sure PostgreSQL's server binaries exist before the scale-out suites run: Debian's package
// (apt-get install -y postgresql) when no initdb is found. Returns the folder holding initdb, pg_ctl
// and postgres (the newest /usr/lib/postgresql/<major>/bin, or PG_BIN when it names one).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function findPostgresBin(): string | null {
  const named = process.env.PG_BIN;
  if (named && existsSync(join(named, 'initdb'))) return named;
  const base = '/usr/lib/postgresql';
  const majors = existsSync(base) ? readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const major of majors) {
    const bin = join(base, major, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

export function ensurePostgres(): string {
  const found = findPostgresBin();
  if (found) return found;
  console.log('PostgreSQL is missing: installing Debian\'s package (apt-get install -y postgresql)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env });
  const bin = findPostgresBin();
  if (!bin) throw new Error('apt-get installed postgresql, but no /usr/lib/postgresql/*/bin/initdb was found');
  return bin;
}
