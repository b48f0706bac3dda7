// File and folder names: what is allowed, how a clash is recognised (case-insensitively, so a vault
// synced to Windows or macOS never holds two names one disk can't tell apart), and the "keep both"
// name "report (2).pdf".
import { ClientError } from './client-error.js';

const MAX_NAME_LENGTH = 255;

export function checkName(name: string): string {
  const clean = name.normalize('NFC');
  if (clean.length === 0 || clean.length > MAX_NAME_LENGTH || clean === '.' || clean === '..' || /[/\u0000-\u001f]/.test(clean)) {
    throw new ClientError('invalid-name', `"${clean.slice(0, 40)}" can't be used as a name: names are 1–255 characters without "/" or control characters, and not "." or "..".`);
  }
  return clean;
}

export function nameKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('en-US');
}

/** "a.txt" → "a (2).txt", "a (3).txt"…; the extension stays last so the file still opens. */
export function keepBothName(name: string, taken: (candidate: string) => boolean): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!taken(candidate)) return candidate;
  }
}
