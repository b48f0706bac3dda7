// Names a Windows disk can't hold (device names, trailing dots and spaces, reserved characters). The
// vault allows them; a folder adapter with `windowsNames` gets such remote entries reported and
// skipped by the planner, never renamed behind the user's back (DESIGN.md §8 Guards).

const RESERVED_STEMS = new Set([
  'CON', 'PRN', 'AUX', 'NUL',
  'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8', 'COM9',
  'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9',
]);

// Control characters and the seven Windows forbids, plus the backslash (its path separator).
const FORBIDDEN_CHARS = /[\u0000-\u001f<>:"|?*\\]/;

/** Why Windows can't hold this name, or null when it can. */
export function windowsNameProblem(name: string): string | null {
  const forbidden = FORBIDDEN_CHARS.exec(name);
  if (forbidden) return `contains "${forbidden[0] < ' ' ? `\\u${forbidden[0].charCodeAt(0).toString(16).padStart(4, '0')}` : forbidden[0]}", which Windows does not allow in names`;
  if (/[. ]$/.test(name)) return 'ends with a dot or a space, which Windows drops';
  // "CON", "con.txt", "Com1.tar.gz": the part before the first dot decides, trailing spaces ignored.
  const stem = name.split('.')[0].trimEnd().toUpperCase();
  if (RESERVED_STEMS.has(stem)) return `"${stem}" is a device name on Windows`;
  return null;
}

/** The first segment of `path` Windows can't hold, with the reason; null when all can. */
export function windowsPathProblem(path: string): { segment: string; reason: string } | null {
  for (const segment of path.split('/')) {
    const reason = windowsNameProblem(segment);
    if (reason) return { segment, reason };
  }
  return null;
}
