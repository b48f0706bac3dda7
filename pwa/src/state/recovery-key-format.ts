// Display helpers for the recovery key: groups of five characters for reading aloud or copying by hand,
// and the inverse. The key's encoding itself belongs to the worker; this only adds and strips spacing.
export const recoveryGroupSize = 5;

/** "ABCDEFGHIJKL" → ["ABCDE", "FGHIJ", "KL"]. */
export function groupKey(text: string, size: number = recoveryGroupSize): string[] {
  const clean = stripKey(text);
  const out: string[] = [];
  for (let i = 0; i < clean.length; i += size) out.push(clean.slice(i, i + size));
  return out;
}

/** Removes spaces, dashes and line breaks a person or a file may add. */
export function stripKey(text: string): string {
  return text.replace(/[\s-]+/g, '');
}

/** Rows of groups for the on-screen sheet (four groups a row reads comfortably). */
export function keyRows(text: string, groupsPerRow = 4): string[] {
  const groups = groupKey(text);
  const rows: string[] = [];
  for (let i = 0; i < groups.length; i += groupsPerRow) rows.push(groups.slice(i, i + groupsPerRow).join(' '));
  return rows;
}
