// Step 3 of the Windows build: installer/veilbox-helper.nsi, compiled by NSIS's makensis (Debian's
// nsis package), with the install tree, version and output path passed in as defines.
// VEILBOX_NSIS_COMPRESSOR=zlib trades a bigger installer for a much shorter build (the tests use it).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const compressors = ['lzma', 'zlib', 'bzip2'];

export function makeInstaller(options: { nsisScript: string; installTree: string; setupExe: string; version: string }): void {
  const compressor = process.env.VEILBOX_NSIS_COMPRESSOR ?? 'lzma';
  if (!compressors.includes(compressor)) {
    throw new Error(`VEILBOX_NSIS_COMPRESSOR=${compressor} is not one of ${compressors.join(', ')}.`);
  }
  if (!existsSync('/usr/bin/makensis')) {
    throw new Error('makensis is missing: install NSIS first (apt-get install -y nsis).');
  }
  execFileSync('makensis', [
    '-V2',
    '-INPUTCHARSET', 'UTF8',
    `-DSOURCE_DIR=${options.installTree}`,
    `-DOUT_FILE=${options.setupExe}`,
    `-DVERSION=${options.version}`,
    `-DCOMPRESSOR=${compressor}`,
    options.nsisScript,
  ], { stdio: ['ignore', 'inherit', 'inherit'] });
}
