#!/usr/bin/env -S node --import tsx
// veilbox-helper: the Windows helper's command line (no window). Commands:
//   pair --relay URL --code CODE [--name NAME] [--folder DIR]   claim the pairing the browser offers ("Add a computer")
//   unpair                                       remove this computer from the vault and forget its key
//   sync [--folder DIR] [--vault-folder PATH]    keep DIR (else the remembered folder, else ~/Veilbox) and the
//                                                vault folder in two-way sync (runs until stopped; the logon start)
//   status [--json] [--confirm-deletions | --refuse-deletions]   what the running sync did last; answer a paused mass deletion
//   --version
// Exit codes: 0 fine, 1 failed, 2 not paired / bad usage, 3 the device was revoked.
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { toClientError } from '../../worker/src/client/client-error.js';
import { claimPairing } from '../../worker/src/client/pairing.js';
import { RelayApi } from '../../worker/src/client/relay-api.js';
import { FileDeviceStore } from './device-store-file.js';
import { EXIT, runDaemon } from './helper-daemon.js';
import { folderToSync } from './helper-config.js';
import { ensureHome, helperHome, HOME_FILES } from './helper-home.js';
import { LogFile } from './log-file.js';
import { processAlive, readStatus, writeConfirmation, type HelperStatus } from './status-file.js';
import helperPackage from '../package.json';

const USAGE = `Usage:
  veilbox-helper pair --relay URL --code CODE [--name NAME] [--folder DIR]
  veilbox-helper unpair
  veilbox-helper sync [--folder DIR] [--vault-folder PATH] [--rescan-seconds N]
  veilbox-helper status [--json] [--confirm-deletions | --refuse-deletions]

sync without --folder syncs the folder remembered from an earlier --folder, else ~/Veilbox.
The vault folder, pause and resume can also be set on the browser's Devices page.
  veilbox-helper --version`;


async function pair(home: string, values: { relay?: string; code?: string; name?: string; folder?: string }): Promise<number> {
  if (!values.relay || !values.code) {
    console.error(`pair needs --relay and --code.\n${USAGE}`);
    return EXIT.notPaired;
  }
  const store = new FileDeviceStore(ensureHome(home));
  const relay = values.relay.replace(/\/+$/, '');
  const claimed = await claimPairing({ baseUrl: relay, code: values.code, deviceName: (values.name ?? `Windows helper (${hostname()})`).slice(0, 64) });
  await store.saveSecrets(
    { relay, login: claimed.login, accountId: claimed.accountId, deviceId: claimed.deviceId, pairedAt: new Date().toISOString() },
    { token: claimed.deviceToken, secret: claimed.deviceSecret },
  );
  claimed.deviceSecret.fill(0);
  new LogFile(home).info(`Paired with ${relay} as device ${claimed.deviceId}.`);
  if (values.folder) console.log(`Folder to sync: ${folderToSync(home, values.folder).folder}`);
  const digits = `${claimed.verificationCode.slice(0, 3)} ${claimed.verificationCode.slice(3)}`;
  console.log(`Paired${claimed.login ? ` with ${claimed.login}'s vault` : ''}.`);
  console.log(`Verification code: ${digits}`);
  console.log('Check that your browser shows the same code, then press Confirm there. If the codes differ, press "Codes differ" in the browser.');
  return EXIT.ok;
}

async function unpair(home: string): Promise<number> {
  const store = new FileDeviceStore(home);
  const paired = store.paired();
  if (!paired) {
    console.log('This computer is not paired.');
    return EXIT.ok;
  }
  const secrets = await store.secrets().catch(() => null);
  let note = '';
  if (secrets) {
    secrets.secret.fill(0);
    const api = new RelayApi({ baseUrl: paired.relay, sessionMode: 'bearer' });
    api.token = secrets.token;
    try {
      await api.revokeDevice(paired.deviceId);
    } catch (error) {
      const e = toClientError(error);
      if (e.kind !== 'session-expired' && e.kind !== 'not-found') note = ` The relay could not be told (${e.message}); remove "${paired.deviceId}" on the Devices page.`;
    }
  }
  await store.clear();
  rmSync(join(home, HOME_FILES.syncDb), { force: true });
  rmSync(join(home, `${HOME_FILES.syncDb}-wal`), { force: true });
  rmSync(join(home, `${HOME_FILES.syncDb}-shm`), { force: true });
  new LogFile(home).info('Unpaired.');
  console.log(`Unpaired: the device key and token are removed from this computer.${note}`);
  return EXIT.ok;
}

function describe(s: HelperStatus, running: boolean): string {
  const c = s.lastPass?.counts;
  const t = s.totals;
  const lines = [
    `State: ${running ? s.state : `${s.state} (not running)`}. ${s.message}`,
    `Folder: ${s.folder}  ↔  vault /${s.vaultFolder}`,
    s.lastPass ? `Last pass: ${s.lastPass.finishedAt} (${s.lastPass.status}): sent ${c!.sent}, received ${c!.received}, modified ${c!.modified}, moved ${c!.moved}, removed ${c!.removed}, conflicts ${c!.conflicts}, errors ${c!.errors}` : 'Last pass: none yet',
    `Since start (${s.passes} passes): sent ${t.sent}, received ${t.received}, modified ${t.modified}, moved ${t.moved}, removed ${t.removed}, conflicts ${t.conflicts}, errors ${t.errors}`,
    `Queue: ${s.queue} pass(es) waiting`,
  ];
  for (const e of s.errors) lines.push(`Error: ${e.path || '(pass)'}: ${e.message}`);
  if (s.pendingDeletions) {
    lines.push(`Waiting for you: the next pass would remove ${s.pendingDeletions.length} files:`);
    for (const p of s.pendingDeletions.slice(0, 20)) lines.push(`  ${p}`);
    if (s.pendingDeletions.length > 20) lines.push(`  … and ${s.pendingDeletions.length - 20} more`);
    lines.push('Run "veilbox-helper status --confirm-deletions" to go ahead (they go to the trash on both sides),');
    lines.push('or "veilbox-helper status --refuse-deletions" to bring them back. The Devices page in the browser asks too.');
  }
  return lines.join('\n');
}

function status(home: string, values: { json?: boolean; 'confirm-deletions'?: boolean; 'refuse-deletions'?: boolean }): number {
  const s = readStatus(home);
  const paired = new FileDeviceStore(home).paired();
  if (values['confirm-deletions'] || values['refuse-deletions']) {
    if (!s?.pendingDeletions) {
      console.error('No deletions are waiting for an answer.');
      return EXIT.failed;
    }
    const refuse = values['refuse-deletions'] === true;
    writeConfirmation(home, s.pendingDeletions, refuse ? 'refuse' : 'confirm');
    console.log(refuse
      ? `Refused: the next pass brings the ${s.pendingDeletions.length} files back from the side that still has them.`
      : `Confirmed: the next pass removes ${s.pendingDeletions.length} files (into the trash on both sides).`);
    return EXIT.ok;
  }
  const running = s !== null && processAlive(s.pid) && s.state !== 'stopped' && s.state !== 'revoked';
  if (values.json) {
    console.log(JSON.stringify({ paired: paired !== null, deviceId: paired?.deviceId ?? null, relay: paired?.relay ?? null, running, status: s }, null, 2));
    return EXIT.ok;
  }
  console.log(paired ? `Paired with ${paired.relay} as device ${paired.deviceId}.` : 'Not paired.');
  console.log(s ? describe(s, running) : 'No sync has run yet.');
  return EXIT.ok;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      relay: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' },
      folder: { type: 'string' }, 'vault-folder': { type: 'string' }, 'rescan-seconds': { type: 'string' },
      json: { type: 'boolean' }, 'confirm-deletions': { type: 'boolean' }, 'refuse-deletions': { type: 'boolean' }, version: { type: 'boolean' }, help: { type: 'boolean' },
    },
  });
  if (values.version) {
    console.log(helperPackage.version);
    return EXIT.ok;
  }
  const home = helperHome();
  switch (positionals[0]) {
    case 'pair': return pair(home, values);
    case 'unpair': return unpair(home);
    case 'status': return status(home, values);
    case 'sync': {
      const log = new LogFile(ensureHome(home), { echo: (line) => process.stdout.write(line) });
      const rescan = values['rescan-seconds'] ? Number(values['rescan-seconds']) * 1000 : undefined;
      if (!new FileDeviceStore(home).paired()) return runDaemon({ home, folder: '.', log });
      const { folder, source } = folderToSync(home, values.folder);
      if (source !== 'given') log.info(`Syncing the ${source} folder ${folder}.`);
      return runDaemon({ home, folder, vaultFolder: values['vault-folder'], log, rescanMs: rescan, version: helperPackage.version });
    }
  }
  console.error(USAGE);
  return values.help ? EXIT.ok : EXIT.notPaired;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = EXIT.failed;
}).finally(() => {
  // Sockets and timers of a closed session must not keep a finished command alive.
  setTimeout(() => process.exit(), 200).unref();
});
