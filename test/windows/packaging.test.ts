// The Windows packaging, end to end on Linux: the NSIS script declares a per-user install with a logon
// Run entry, a Start-menu entry, an uninstaller that takes all of it back and nothing that would stop
// silent mode; `npm run build:windows` makes a Windows x64 single executable and the installer; and,
// with Wine, the packaged helper answers --version and --help, and the installer installs and
// uninstalls silently (/S) into the Wine user's %LOCALAPPDATA%, Run key and Start menu, and the helper's
// own code on DPAPI, SQLite and the watcher runs inside a single executable (native-probe.ts). The logon
// start runs `sync` with no folder (the helper's remembered one) in VeilboxHelperBackground.exe, the same
// executable with the Windows GUI subsystem so no console window opens; with its output sent to a file it
// still answers.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bundleHelper, helperEntry } from '../../windows-helper/scripts/bundle-helper.js';
import { makeSea, seaFuse } from '../../windows-helper/scripts/make-sea.js';
import { shippedPackages, watcherTarget } from '../../windows-helper/scripts/native-modules.js';
import { windowsPaths } from '../../windows-helper/scripts/windows-paths.js';
import { peChecksum, peChecksumField, peSubsystem, SUBSYSTEM_CONSOLE, SUBSYSTEM_GUI } from '../../windows-helper/scripts/pe-subsystem.js';
import { ensureNsis } from '../support/ensure-nsis.js';
import { ensureWine } from '../support/ensure-wine.js';
import { readNsisScript, type NsisStatement } from './nsis-script.js';

const root = new URL('../..', import.meta.url).pathname;
const paths = windowsPaths(join(root, 'windows-helper'));
const helperPackage: unknown = JSON.parse(readFileSync(join(paths.helperDir, 'package.json'), 'utf8'));
const version = (helperPackage as { version: string }).version;
const runKey = 'Software\\Microsoft\\Windows\\CurrentVersion\\Run';
const uninstallKeyPrefix = 'Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\';
const exeName = 'VeilboxHelper.exe';
const backgroundName = 'VeilboxHelperBackground.exe';

const script = readNsisScript(paths.nsisScript);
const install = script.filter((s) => s.block !== '' && s.block !== 'Uninstall' && !s.block.startsWith('.') && !s.block.startsWith('un.'));
const uninstall = script.filter((s) => s.block === 'Uninstall');
const find = (list: NsisStatement[], command: string, ...args: string[]) =>
  list.filter((s) => s.command === command && args.every((a, i) => s.args[i] === a));

test('the NSIS script installs per user into %LOCALAPPDATA%\\Veilbox', () => {
  assert.is(find(script, 'RequestExecutionLevel', 'user').length, 1);
  assert.is(find(script, 'InstallDir', '$LOCALAPPDATA\\Veilbox').length, 1);
  assert.ok(find(install, 'File').some((s) => s.args.some((a) => a.endsWith(`\\${exeName}`))), 'installs VeilboxHelper.exe');
  assert.ok(find(install, 'File').some((s) => s.args.some((a) => a.endsWith(`\\${backgroundName}`))), 'installs VeilboxHelperBackground.exe');
  for (const fn of ['.onInit', 'un.onInit']) {
    assert.ok(script.some((s) => s.block === fn && s.command === 'SetShellVarContext' && s.args[0] === 'current'), `${fn}: the user's own Start menu`);
  }
});

test('the NSIS script starts the helper at logon from HKCU Run and adds a Start-menu entry', () => {
  const run = find(install, 'WriteRegStr', 'HKCU', runKey);
  assert.is(run.length, 1);
  // The no-console copy, syncing the remembered folder: no --folder, nothing else.
  assert.is(run[0].args[3], `"$INSTDIR\\${backgroundName}" sync`);
  const shortcuts = find(install, 'CreateShortcut');
  assert.ok(shortcuts.length > 0 && shortcuts.every((s) => s.args[0].startsWith('$SMPROGRAMS\\')), 'shortcuts in $SMPROGRAMS');
});

test('the NSIS script has an uninstaller that removes the files, the Run value, the shortcuts and its key', () => {
  assert.is(find(install, 'WriteUninstaller', '$INSTDIR\\Uninstall.exe').length, 1);
  const uninstallKeys = find(install, 'WriteRegStr', 'HKCU').map((s) => s.args[1]).filter((k) => k.startsWith(uninstallKeyPrefix));
  assert.ok(uninstallKeys.length > 0, 'an HKCU uninstall key for Apps & features');
  assert.is(find(uninstall, 'DeleteRegValue', 'HKCU', runKey, find(install, 'WriteRegStr', 'HKCU', runKey)[0].args[2]).length, 1);
  for (const shortcut of find(install, 'CreateShortcut')) assert.is(find(uninstall, 'Delete', shortcut.args[0]).length, 1, shortcut.args[0]);
  for (const key of new Set(uninstallKeys)) assert.is(find(uninstall, 'DeleteRegKey', 'HKCU', key).length, 1, key);
  assert.is(find(uninstall, 'Delete', `$INSTDIR\\${exeName}`).length, 1);
  assert.is(find(uninstall, 'Delete', `$INSTDIR\\${backgroundName}`).length, 1);
  assert.is(find(uninstall, 'Delete', '$INSTDIR\\config.json').length, 1, 'the remembered folder');
  assert.is(find(uninstall, 'Delete', '$INSTDIR\\Uninstall.exe').length, 1);
  // Not RMDir /r: only what the installer put there goes.
  assert.is(find(uninstall, 'RMDir', '$INSTDIR').length, 1);
});

test('the NSIS script never stops silent mode with a question', () => {
  assert.equal(script.filter((s) => /^MessageBox$/i.test(s.command)).map((s) => s.line), []);
});

test('npm run build:windows makes the single executable and the installer', () => {
  ensureNsis();
  const started = Date.now();
  // zlib: a bigger installer than the release's lzma, in a fraction of the time.
  const build = spawnSync('npm', ['run', 'build:windows'], {
    cwd: root, encoding: 'utf8', timeout: 8 * 60_000, env: { ...process.env, VEILBOX_NSIS_COMPRESSOR: 'zlib' },
  });
  console.log(`build: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  assert.is(build.status, 0, build.stdout + build.stderr);
  assert.ok(build.stdout.includes(`1/3 bundled ${relative(paths.helperDir, helperEntry(paths.helperDir))}`), build.stdout);

  const setup = readFileSync(paths.setupExe);
  assert.is(setup.subarray(0, 2).toString('latin1'), 'MZ');
  const helper = readFileSync(paths.helperExe);
  assert.is(helper.subarray(0, 2).toString('latin1'), 'MZ');
  const pe = helper.readUInt32LE(0x3c);
  assert.is(helper.subarray(pe, pe + 4).toString('latin1'), 'PE\0\0');
  assert.is(helper.readUInt16LE(pe + 4), 0x8664, 'x64 machine type');
  // postject flips the fuse from :0 to :1; Node only looks for its blob when it reads :1.
  assert.ok(helper.includes(`${seaFuse}:1`), 'the SEA fuse is set');
  // The background copy: the same bytes but the Subsystem (GUI, so no console at logon) and the checksum.
  const background = readFileSync(paths.backgroundExe);
  assert.is(peSubsystem(helper), SUBSYSTEM_CONSOLE);
  assert.is(peSubsystem(background), SUBSYSTEM_GUI);
  assert.is(background.length, helper.length);
  const differing = [];
  for (let i = 0; i < helper.length; i++) if (helper[i] !== background[i]) differing.push(i - pe);
  assert.ok(differing.every((d) => d === 24 + 68 || (d >= 24 + 64 && d < 24 + 68)), `only Subsystem and CheckSum differ: ${differing.join(', ')}`);
  assert.is(peChecksumField(background), peChecksum(background), 'a valid PE checksum');
  assert.ok(existsSync(watcherTarget(paths.installTree)), 'the Windows watcher binary is in the install tree');
  for (const shipped of shippedPackages) {
    assert.ok(existsSync(join(paths.installTree, 'node_modules', ...shipped.name.split('/'), 'package.json')), `${shipped.name} beside the exe`);
  }
  console.log(`VeilboxHelper.exe ${(helper.length / 2 ** 20).toFixed(1)} MiB, VeilboxHelperSetup.exe ${(setup.length / 2 ** 20).toFixed(1)} MiB (zlib)`);
});

const wine = ensureWine();
if (wine.ok) {
  const prefix = mkdtempSync(join(tmpdir(), 'veilbox-wine-'));
  const env = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'winemenubuilder.exe=d', DISPLAY: '' };
  const local = join(prefix, 'drive_c', 'users', userInfo().username, 'AppData', 'Local', 'Veilbox');
  const menu = join(prefix, 'drive_c', 'users', userInfo().username, 'AppData', 'Roaming', 'Microsoft', 'Windows', 'Start Menu', 'Programs', 'Veilbox');
  const userReg = join(prefix, 'user.reg');
  let prepared = false;

  const wineRun = (args: string[]) => execFileSync(wine.wine, args, { env, stdio: 'ignore', timeout: 120_000 });
  // Every Wine process of the prefix has ended, so its registry is written to user.reg.
  const settle = () => execFileSync('wineserver', ['-w'], { env, stdio: 'ignore', timeout: 120_000 });
  const prepare = () => {
    if (prepared) return;
    wineRun(['winecfg', '-v', 'win10']);
    settle();
    prepared = true;
  };
  // Node under Wine writes nothing when its stdout is a terminal or a pipe; a file works.
  const runExe = (exe: string, args: string[]) => {
    const out = join(prefix, 'out.txt');
    const err = join(prefix, 'err.txt');
    const fds = [openSync(out, 'w'), openSync(err, 'w')];
    try {
      const result = spawnSync(wine.wine, [exe, ...args], { env, stdio: ['ignore', fds[0], fds[1]], timeout: 120_000 });
      return { status: result.status, output: readFileSync(out, 'utf8'), errors: readFileSync(err, 'utf8') };
    } finally {
      fds.forEach((fd) => closeSync(fd));
    }
  };

  test('under Wine, VeilboxHelper.exe --version and --help answer', () => {
    prepare();
    const shown = runExe(paths.helperExe, ['--version']);
    assert.is(shown.status, 0, shown.output + shown.errors);
    assert.is(shown.output.trim(), version);
    // Nothing on stderr: no SEA warning about a require() it can't serve.
    assert.is(shown.errors, '');
    const help = runExe(paths.helperExe, ['--help']);
    const helpText = help.output + help.errors; // the CLI prints its usage on stderr
    assert.is(help.status, 0, helpText);
    for (const command of ['pair', 'unpair', 'sync', 'status']) assert.ok(helpText.includes(`veilbox-helper ${command}`), `--help names ${command}: ${helpText}`);
  });

  test('under Wine, VeilboxHelperBackground.exe (no console) runs, and answers into a file', () => {
    prepare();
    const shown = runExe(paths.backgroundExe, ['--version']);
    assert.is(shown.status, 0, shown.output + shown.errors);
    assert.is(shown.output.trim(), version);
    // The logon start's command line, on a computer not paired yet: says so (into the file) and exits 2.
    const home = join(prefix, 'drive_c', 'logon-home');
    const runLogon = () => {
      const fds = [openSync(join(prefix, 'logon.txt'), 'w'), openSync(join(prefix, 'logon-err.txt'), 'w')];
      try {
        return spawnSync(wine.wine, [paths.backgroundExe, 'sync'], { env: { ...env, VEILBOX_HOME: 'C:\\logon-home' }, stdio: ['ignore', fds[0], fds[1]], timeout: 120_000 });
      } finally {
        fds.forEach((fd) => closeSync(fd));
      }
    };
    let logon = runLogon();
    // Once, in a loaded fresh-clone run, Wine ended this start with status 1 before the program wrote a
    // byte or its log; the program's own failures always say why. That hiccup gets one more start.
    if (logon.status === 1 && !readFileSync(join(prefix, 'logon-err.txt'), 'utf8') && !existsSync(join(home, 'helper.log'))) {
      console.log('Wine ended the logon start with status 1 and no output; starting it once more');
      settle();
      logon = runLogon();
    }
    assert.is(logon.status, 2, readFileSync(join(prefix, 'logon.txt'), 'utf8') + readFileSync(join(prefix, 'logon-err.txt'), 'utf8'));
    assert.match(readFileSync(join(prefix, 'logon-err.txt'), 'utf8'), /not paired/);
    assert.match(readFileSync(join(home, 'helper.log'), 'utf8'), /Not paired/);
  });

  test('under Wine, the installer installs and uninstalls silently (/S)', () => {
    prepare();
    wineRun([paths.setupExe, '/S']);
    settle();
    assert.ok(existsSync(join(local, exeName)), 'VeilboxHelper.exe in %LOCALAPPDATA%\\Veilbox');
    assert.ok(existsSync(join(local, 'Uninstall.exe')));
    assert.ok(existsSync(join(local, 'native', 'watcher.node')));
    assert.ok(existsSync(join(local, 'node_modules', '@primno', 'dpapi', 'prebuilds', 'win32-x64', '@primno+dpapi.node')));
    assert.ok(existsSync(join(local, 'node_modules', 'node-sqlite3-wasm', 'dist', 'node-sqlite3-wasm.wasm')));
    assert.ok(existsSync(join(menu, 'Veilbox Helper status.lnk')), 'Start-menu entry');
    const reg = readFileSync(userReg, 'utf8');
    assert.ok(/"VeilboxHelper"="\\"C:\\\\users\\\\[^"]*\\\\AppData\\\\Local\\\\Veilbox\\\\VeilboxHelperBackground\.exe\\" sync"/.test(reg), 'the Run value');
    assert.ok(existsSync(join(local, backgroundName)), 'VeilboxHelperBackground.exe beside it');
    assert.ok(reg.includes('[Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall\\\\VeilboxHelper]'), 'the uninstall key');
    const installed = runExe(join(local, exeName), ['--version']);
    assert.is(installed.output.trim(), version);

    wineRun([join(local, 'Uninstall.exe'), '/S']);
    settle(); // the uninstaller runs on from a copy in %TEMP%
    assert.not.ok(existsSync(local), '%LOCALAPPDATA%\\Veilbox is gone');
    assert.not.ok(existsSync(menu), 'the Start-menu folder is gone');
    const after = readFileSync(userReg, 'utf8');
    assert.not.ok(after.includes('VeilboxHelper'), 'no Run value and no uninstall key left');
  });

  test('under Wine, the helper\'s DPAPI device store, SQLite sync state and watcher work in a single executable', async () => {
    prepare();
    // The probe, built as the helper is, sits beside a copy of the install tree's native\ and node_modules\.
    const tree = join(prefix, 'drive_c', 'probe');
    for (const part of ['native', 'node_modules']) cpSync(join(paths.installTree, part), join(tree, part), { recursive: true });
    const bundle = join(tree, 'probe.cjs');
    await bundleHelper(paths.helperDir, bundle, join(root, 'test', 'windows', 'native-probe.ts'));
    await makeSea({ cacheDir: paths.cacheDir, workDir: tree, bundle, exe: join(tree, 'probe.exe') });
    const run = runExe(join(tree, 'probe.exe'), []);
    assert.is(run.status, 0, run.output + run.errors);
    const result = JSON.parse(run.output.trim().split('\n').pop() ?? '{}') as {
      device: { protection: string; token: string; secret: number[] };
      sqlite: { pair: unknown; entries: string[] };
      watch: { kind: string; sawChange: boolean; errors: string[] };
      lock: { taken: boolean; held: boolean; problem: string | null };
    };
    assert.equal(result.device, { protection: 'dpapi', token: 'token-1', secret: [1, 2, 3] });
    assert.equal(result.sqlite, { pair: { localFolder: 'C:\\probe-folder', vaultFolderId: 'vault-folder', vaultPath: '/Probe' }, entries: ['b/c.txt'] });
    assert.equal(result.watch, { kind: 'parcel', sawChange: true, errors: [] });
    // The one-sync lock never stops the helper there: taken, or (if this SQLite can't) skipped with a reason.
    assert.ok(result.lock.taken, JSON.stringify(result.lock));
    console.log(`one-sync lock in the Windows build: ${result.lock.held ? 'held' : `not held (${result.lock.problem})`}`);
  });

  test.after(() => {
    spawnSync('wineserver', ['-k'], { env, stdio: 'ignore' });
    rmSync(prefix, { recursive: true, force: true });
  });
} else {
  console.log(`Wine smoke test not run: ${wine.reason}. Install wine64 to run VeilboxHelper.exe --version and the installer under Wine.`);
}

test.run();
