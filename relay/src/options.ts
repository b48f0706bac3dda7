// Command-line options of `server.ts`, parsed into listen settings and RelayConfig overrides. Pure,
// so it is unit-tested; unknown options are errors rather than silently ignored.
import { resolve } from 'node:path';
import { defaultConfig, defaultStaticDir, type RelayConfig } from './config.js';
import { parsePgUrl } from './store/postgres/connection.js';
import { parseS3Url } from './store/s3-location.js';

export interface ServerOptions {
  port: number;
  host: string;
  dataDir: string;
  /** `--meta postgres://…`; null: SQLite in the data folder. */
  meta: string | null;
  /** `--blobs s3://…`; null: files in the data folder. */
  blobs: string | null;
  tls: { cert: string; key: string } | null;
  config: RelayConfig;
}

export const USAGE = `usage: node --import tsx relay/src/server.ts [options]
  --port N              port to listen on (default 8080; 0 picks a free one)
  --host ADDR           address to bind (default 127.0.0.1)
  --data DIR            data folder: SQLite database + blob files (default ./data)
  --meta URL            metadata in PostgreSQL instead of SQLite: postgres://USER:PASS@HOST:PORT/DB
                        (several relays on one database + one bucket behave as one relay)
  --blobs URL           blobs in an S3-compatible bucket instead of the data folder:
                        s3://BUCKET[/PREFIX]?endpoint=URL&region=NAME[&path-style=true|false]
                        (credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the AWS profile)
  --tls-cert FILE       serve HTTPS with this certificate chain (PEM) ...
  --tls-key FILE        ... and this private key (PEM)
  --open-signup         anyone who reaches the relay may create an account
  --invite-only         sign-up needs an invite code (npm run admin -- invite)
                        (default: open on a loopback address, invite-only otherwise)
  --quota-gib N         default quota of new accounts in GiB (default 10)
  --static DIR          built PWA to serve (default pwa/dist of this repository)
  --trust-proxy         take client IPs from X-Forwarded-For (behind your reverse proxy only)
  --secure-cookies      mark cookies Secure without serving TLS (TLS-terminating proxy)
  --scrypt-cost N       log2 of scrypt's N for the relay's slow hashes (default 15; 10–20)`;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function parseOptions(argv: string[], cwd = process.cwd()): ServerOptions {
  let port = 8080;
  let host = '127.0.0.1';
  let dataDir = './data';
  let meta: string | null = null;
  let blobs: string | null = null;
  let cert: string | null = null;
  let key: string | null = null;
  let signup: RelayConfig['signup'] | null = null;
  let quotaGiB: number | null = null;
  let staticDir: string = defaultStaticDir();
  let trustProxy = false;
  let secureCookies = false;
  let scryptLog2N = 15;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    switch (arg) {
      case '--port': {
        port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0–65535');
        break;
      }
      case '--host': host = value(); break;
      case '--data': dataDir = value(); break;
      case '--meta': {
        meta = value();
        try { parsePgUrl(meta); } catch (error) { throw new Error(`--meta: ${(error as Error).message.replace(/^--meta /, '')}`); }
        break;
      }
      case '--blobs': {
        blobs = value();
        parseS3Url(blobs);
        break;
      }
      case '--tls-cert': cert = value(); break;
      case '--tls-key': key = value(); break;
      case '--open-signup': signup = 'open'; break;
      case '--invite-only': signup = 'invite'; break;
      case '--quota-gib': {
        quotaGiB = Number(value());
        if (!(quotaGiB > 0)) throw new Error('--quota-gib must be a positive number');
        break;
      }
      case '--static': staticDir = value(); break;
      case '--trust-proxy': trustProxy = true; break;
      case '--secure-cookies': secureCookies = true; break;
      case '--scrypt-cost': {
        scryptLog2N = Number(value());
        if (!Number.isInteger(scryptLog2N) || scryptLog2N < 10 || scryptLog2N > 20) throw new Error('--scrypt-cost must be 10–20');
        break;
      }
      default: throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  if ((cert === null) !== (key === null)) throw new Error('--tls-cert and --tls-key go together');
  const tls = cert !== null && key !== null ? { cert: resolve(cwd, cert), key: resolve(cwd, key) } : null;
  const config = defaultConfig({
    signup: signup ?? (LOOPBACK.has(host) ? 'open' : 'invite'),
    secureCookies: secureCookies || tls !== null,
    trustProxy,
    staticDir: resolve(cwd, staticDir),
    scrypt: { N: 2 ** scryptLog2N, r: 8, p: 1 },
    ...(quotaGiB !== null ? { defaultQuotaBytes: Math.floor(quotaGiB * 1024 ** 3) } : {}),
  });
  return { port, host, dataDir: resolve(cwd, dataDir), meta, blobs, tls, config };
}
