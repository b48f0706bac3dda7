// The logon start's window problem: a Node single executable is a console program (PE Subsystem 3), so
// Windows opens a console window for it when the Run key starts it at logon. The build writes a second
// copy, VeilboxHelperBackground.exe, whose optional header says Subsystem 2 (Windows GUI) instead: no
// console is made, and Node gives a program without one black-hole stdout and stderr (its "non-console
// Windows applications" case), so the helper only writes its log file. Started from a prompt, or with
// its output redirected to a file, it behaves as the console exe does. The PE checksum is recomputed
// after the change (Windows checks it only for drivers, but tools compare it).
import { readFileSync, writeFileSync } from 'node:fs';

export const SUBSYSTEM_GUI = 2;
export const SUBSYSTEM_CONSOLE = 3;

/** Offsets inside the optional header, the same in PE32 and PE32+. */
const CHECKSUM_OFFSET = 64;
const SUBSYSTEM_OFFSET = 68;
/** 'PE\0\0' (4) + COFF file header (20). */
const OPTIONAL_HEADER_AT = 24;

function optionalHeader(exe: Uint8Array): number {
  const view = new DataView(exe.buffer, exe.byteOffset, exe.byteLength);
  if (exe.length < 0x40 || exe[0] !== 0x4d || exe[1] !== 0x5a) throw new Error('Not a Windows executable (no MZ header).');
  const pe = view.getUint32(0x3c, true);
  if (pe + OPTIONAL_HEADER_AT + SUBSYSTEM_OFFSET + 2 > exe.length || view.getUint32(pe, false) !== 0x50450000) throw new Error('Not a PE executable (no PE signature).');
  const magic = view.getUint16(pe + OPTIONAL_HEADER_AT, true);
  if (magic !== 0x10b && magic !== 0x20b) throw new Error(`Unknown PE optional header magic 0x${magic.toString(16)}.`);
  return pe + OPTIONAL_HEADER_AT;
}

export function peSubsystem(exe: Uint8Array): number {
  return new DataView(exe.buffer, exe.byteOffset, exe.byteLength).getUint16(optionalHeader(exe) + SUBSYSTEM_OFFSET, true);
}

export function peChecksumField(exe: Uint8Array): number {
  return new DataView(exe.buffer, exe.byteOffset, exe.byteLength).getUint32(optionalHeader(exe) + CHECKSUM_OFFSET, true);
}

/** The PE checksum (as imagehlp's CheckSumMappedFile): 16-bit one's-complement-style sum skipping the field, plus the length. */
export function peChecksum(exe: Uint8Array): number {
  const field = optionalHeader(exe) + CHECKSUM_OFFSET;
  let sum = 0;
  for (let i = 0; i < exe.length; i += 2) {
    if (i === field || i === field + 2) continue;
    sum += exe[i] | ((i + 1 < exe.length ? exe[i + 1] : 0) << 8);
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  sum = (sum & 0xffff) + (sum >>> 16);
  return (sum + exe.length) >>> 0;
}

/** A copy of `exe` with another Subsystem and a matching checksum. */
export function withSubsystem(exe: Uint8Array, subsystem: number): Uint8Array {
  const out = new Uint8Array(exe);
  const view = new DataView(out.buffer);
  const header = optionalHeader(out);
  view.setUint16(header + SUBSYSTEM_OFFSET, subsystem, true);
  view.setUint32(header + CHECKSUM_OFFSET, peChecksum(out), true);
  return out;
}

export function writeGuiCopy(consoleExe: string, guiExe: string): void {
  const exe = readFileSync(consoleExe);
  if (peSubsystem(exe) !== SUBSYSTEM_CONSOLE) throw new Error(`${consoleExe} is not a console program (Subsystem ${peSubsystem(exe)}).`);
  writeFileSync(guiExe, withSubsystem(exe, SUBSYSTEM_GUI), { mode: 0o755 });
}
