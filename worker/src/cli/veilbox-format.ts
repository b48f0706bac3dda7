// veilbox-format: seal stdin into a VBX1 blob on stdout, or open one, with no relay involved
// (the escape hatch of issue 2). Streaming both ways; errors go to stderr with a non-zero exit:
// 1 for a blob or key that fails, 2 for a usage mistake.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { isFormatError, hexToBytes, openNodeStreams, sealNodeStreams, type CompressionMode } from '../node.js';
import { CliUsageError, parseArgs } from './cli-args.js';

const USAGE = `Usage:
  veilbox-format seal --key HEX [--deflate | --compression auto|on|off] [--length-out FILE]
                      [--type MIME] [--name FILENAME]  < plaintext > blob
  veilbox-format open --key HEX [--length N]  < blob > plaintext

  --key HEX          the 32-byte file key as 64 hex digits (or --key-file FILE holding them)
  --deflate          apply DEFLATE (same as --compression on; default: off)
  --compression      auto applies DEFLATE when --type/--name allow it and a sample shrinks ≥ 5 %
  --length-out FILE  also write the unpadded length to FILE
  --length N         the unpadded length printed by seal; without it a stored (non-DEFLATE) blob
                     opens with its zero padding still attached

seal prints "length N" on stderr: keep N, it is what open --length needs.
On a failure nothing is trusted: output written before the error is only the part that
authenticated; discard it.`;

const FLAGS = new Set(['deflate', 'help']);
const KEY_HEX_DIGITS = 64;

/** Where the CLI reads and writes; the process's own streams unless a test passes others. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

function fail(stream: Writable, message: string): void {
  stream.write(`veilbox-format: ${message}\n`);
}

function readKey(options: Map<string, string | true>): Uint8Array {
  const inline = options.get('key');
  const file = options.get('key-file');
  if (inline !== undefined && file !== undefined) throw new CliUsageError('Give --key or --key-file, not both.');
  let hex: string;
  if (typeof inline === 'string') hex = inline;
  else if (typeof file === 'string') hex = readFileSync(file, 'utf8');
  else throw new CliUsageError('--key HEX is required (64 hex digits: the 32-byte file key).');
  hex = hex.trim();
  if (hex.length !== KEY_HEX_DIGITS || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw new CliUsageError(`The key must be exactly ${KEY_HEX_DIGITS} hex digits (32 bytes); got ${hex.length} characters.`);
  }
  return hexToBytes(hex);
}

function readLength(options: Map<string, string | true>): number | undefined {
  const value = options.get('length');
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new CliUsageError('--length must be a whole number of bytes (the length printed by seal).');
  }
  return Number(value);
}

function readCompression(options: Map<string, string | true>): CompressionMode {
  const value = options.get('compression');
  if (options.has('deflate')) {
    if (value !== undefined && value !== 'on') throw new CliUsageError('--deflate contradicts --compression ' + String(value) + '.');
    return 'on';
  }
  if (value === undefined) return 'off';
  if (value === 'auto' || value === 'on' || value === 'off') return value;
  throw new CliUsageError('--compression must be auto, on or off.');
}

function optionalString(options: Map<string, string | true>, name: string): string | undefined {
  const value = options.get(name);
  return typeof value === 'string' ? value : undefined;
}

const KNOWN: Record<string, ReadonlySet<string>> = {
  seal: new Set(['key', 'key-file', 'deflate', 'compression', 'length-out', 'type', 'name']),
  open: new Set(['key', 'key-file', 'length']),
};

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    const { command, options } = parseArgs(argv, FLAGS);
    if (options.has('help') || command === 'help' || command === undefined) {
      (command === undefined && !options.has('help') ? io.stderr : io.stdout).write(USAGE + '\n');
      return command === undefined && !options.has('help') ? 2 : 0;
    }
    const known = KNOWN[command];
    if (!known) throw new CliUsageError(`Unknown command "${command}": use seal or open.`);
    for (const name of options.keys()) if (!known.has(name)) throw new CliUsageError(`${command} has no option --${name}.`);
    const key = readKey(options);
    if (command === 'seal') {
      const lengthOut = optionalString(options, 'length-out');
      const result = await sealNodeStreams(key, io.stdin, io.stdout, {
        compression: readCompression(options),
        contentType: optionalString(options, 'type'),
        fileName: optionalString(options, 'name'),
      });
      if (lengthOut) writeFileSync(lengthOut, `${result.length}\n`);
      io.stderr.write(`length ${result.length}\n`);
      io.stderr.write(`veilbox-format: sealed ${result.inputLength} bytes into a ${result.blobLength}-byte blob` +
        `${result.deflated ? ' (DEFLATE applied)' : ''}; open it with --length ${result.length}\n`);
    } else {
      const length = readLength(options);
      let deflated = false;
      await openNodeStreams(key, io.stdin, io.stdout, { length, onHeader: (h) => { deflated = h.deflate; } });
      if (length === undefined && !deflated) {
        fail(io.stderr, 'note: opened without --length, so the output ends with the blob\'s zero padding ' +
          '(up to ~12 %). Pass the length seal printed to get the exact file.');
      }
    }
    return 0;
  } catch (error) {
    if (error instanceof CliUsageError) {
      fail(io.stderr, `${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (isFormatError(error)) {
      fail(io.stderr, `${error.message} [${error.kind}]`);
      return 1;
    }
    fail(io.stderr, `unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
