// `npm run admin -- <command> [options] --data DIR`: user administration on a relay's data folder
// (or, with --meta / --blobs, on its PostgreSQL database and bucket), safe while the relay runs
// (SQLite WAL or PostgreSQL transactions; blobs are only deleted after their records are gone).
// `migrate` copies a stopped embedded relay into PostgreSQL + S3 (migrate.ts).
import { parseArgs } from 'node:util';
import { closeStores, openConfiguredStores } from '../store/open-stores.js';
import { parsePgUrl } from '../store/postgres/connection.js';
import { parseS3Url } from '../store/s3-location.js';
import { createInvite, deleteUser, listUsers, setQuota, usage } from './commands.js';
import { migrateEmbedded } from './migrate.js';

const USAGE = `usage: npm run admin -- <command> [options] [--data DIR] [--meta URL] [--blobs URL]
  (DIR defaults to ./data; --meta postgres://… and --blobs s3://… as given to the relay)
  invite [--name NAME] [--quota-gib N] [--days N]   one-time sign-up code (default: any name, 7 days)
  add-user NAME [--quota-gib N] [--days N]          reserve NAME; prints the invite code to give that person
  list-users                                        name, usage, quota, last seen (and pending names)
  delete-user NAME --yes                            delete the account, every record and every blob
  set-quota NAME GIB                                change an account's quota
  usage [NAME]                                      bytes stored per account
  migrate --meta URL [--blobs URL]                  copy the stopped embedded relay in --data DIR into an
                                                    empty PostgreSQL database (and bucket), then check it`;

const GiB = 1024 ** 3;
const gib = (bytes: number) => `${(bytes / GiB).toFixed(2)} GiB`;
const when = (t: number | null) => (t === null ? 'never' : new Date(t).toISOString().replace('T', ' ').slice(0, 16));

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

function quotaOption(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  if (!(n > 0)) throw new Error('--quota-gib must be a positive number');
  return Math.floor(n * GiB);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      data: { type: 'string', default: './data' },
      meta: { type: 'string' },
      blobs: { type: 'string' },
      name: { type: 'string' },
      'quota-gib': { type: 'string' },
      days: { type: 'string', default: '7' },
      yes: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const [command, ...args] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const days = Number(values.days);
  if (!(days > 0)) throw new Error('--days must be a positive number');
  if (values.meta) parsePgUrl(values.meta);
  if (values.blobs) parseS3Url(values.blobs);
  if (command === 'migrate') {
    if (!values.meta) throw new Error('migrate needs --meta postgres://… (the new, empty database)');
    const report = await migrateEmbedded({ dataDir: values.data!, meta: values.meta, blobs: values.blobs ?? null, log: (line) => console.error(line) });
    console.log(table([['TABLE', 'SOURCE', 'TARGET', 'HASH'], ...report.tables.map((t) => [t.table, String(t.source), String(t.target), t.hashesMatch ? 'same' : 'DIFFERENT'])]));
    console.log(`${report.blobs} blobs (${gib(report.blobBytes)}) ${values.blobs ? 'copied and read back: sizes and SHA-256 match' : 'stay in the data folder'}; ${report.uploads} unfinished uploads with ${report.parts} received parts carried over.`);
    console.log(`Done. Start the relay with --meta${values.blobs ? ' and --blobs' : ` and --data ${values.data}`}.`);
    return 0;
  }
  const stores = await openConfiguredStores({ dataDir: values.data!, meta: values.meta ?? null, blobs: values.blobs ?? null });
  try {
    switch (command) {
      case 'invite':
      case 'add-user': {
        const name = command === 'add-user' ? args[0] : values.name ?? null;
        if (command === 'add-user' && !name) throw new Error('add-user needs a NAME');
        const { code, expiresAt } = await createInvite(stores, { name: name ?? null, quota: quotaOption(values['quota-gib']), days });
        console.log(code);
        console.error(name
          ? `Give this code to the person who will sign up as "${name}" (valid until ${when(expiresAt)}). The name is reserved until then.`
          : `One-time sign-up code, valid until ${when(expiresAt)}.`);
        return 0;
      }
      case 'list-users': {
        const rows = await listUsers(stores);
        console.log(table([['NAME', 'USAGE', 'QUOTA', 'LAST SEEN', 'CREATED'],
          ...rows.map((u) => [u.pending ? `${u.name} (invited)` : u.name, gib(u.usage), u.quota ? gib(u.quota) : 'default', when(u.lastSeenAt), when(u.createdAt)])]));
        return 0;
      }
      case 'delete-user': {
        if (!args[0]) throw new Error('delete-user needs a NAME');
        if (!values.yes) throw new Error(`This deletes "${args[0]}" and every file they stored, for good. Add --yes to go ahead.`);
        const { blobs } = await deleteUser(stores, args[0]);
        console.log(`Deleted "${args[0]}" and ${blobs} blobs.`);
        return 0;
      }
      case 'set-quota': {
        const bytes = quotaOption(args[1]);
        if (!args[0] || bytes === null) throw new Error('set-quota needs NAME and GIB');
        await setQuota(stores, args[0], bytes);
        console.log(`Quota of "${args[0]}" is now ${gib(bytes)}.`);
        return 0;
      }
      case 'usage': {
        const rows = await usage(stores, args[0] ?? null);
        const total = rows.reduce((s, r) => s + r.usage, 0);
        console.log(table([['NAME', 'USAGE', 'QUOTA', 'USED'], ...rows.map((r) => [r.name, gib(r.usage), gib(r.quota), `${((r.usage / r.quota) * 100).toFixed(1)} %`]), ['total', gib(total), '', '']]));
        return 0;
      }
      default:
        throw new Error(`unknown command "${command}"\n${USAGE}`);
    }
  } finally {
    await closeStores(stores);
  }
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(`admin: ${(error as Error).message}`);
  process.exitCode = 1;
});
