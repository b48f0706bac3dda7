// The name a local file gets when both sides changed it differently (DESIGN.md §8): the local one is
// renamed `name (conflict from DEVICE DATE).ext` and both are kept. The extension stays last so the
// copy still opens with the same program.
/** YYYY-MM-DD in UTC, so two devices in different zones name the same day alike. */
function day(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Device labels are free text; keep them usable inside a file name on any disk. */
function cleanDevice(device: string): string {
  const clean = device.replace(/[\u0000-\u001f<>:"/\\|?*()]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 40);
  return clean === '' ? 'another device' : clean;
}

/**
 * `report.pdf` → `report (conflict from Laptop 2026-11-28).pdf`; `taken` says which names the folder
 * already holds, and a further ` 2`, ` 3`… goes inside the brackets until one is free.
 */
export function conflictName(name: string, device: string, at: number, taken: (candidate: string) => boolean = () => false): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  const label = `conflict from ${cleanDevice(device)} ${day(at)}`;
  for (let n = 1; ; n++) {
    const candidate = `${stem} (${label}${n === 1 ? '' : ` ${n}`})${ext}`;
    if (!taken(candidate)) return candidate;
  }
}
