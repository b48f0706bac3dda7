// Runs shared Check lists (see [Note: Shared format checks]) as uvu suites in Node: one uvu suite
// per Check.suite, one test per check, every suite run.
import { suite, type Test } from 'uvu';
import type { Check } from './check-harness.js';

export function runChecksWithUvu(checks: Check[]): void {
  const suites = new Map<string, Test>();
  for (const check of checks) {
    let s = suites.get(check.suite);
    if (!s) { s = suite(check.suite); suites.set(check.suite, s); }
    s(check.name, () => check.run());
  }
  for (const s of suites.values()) s.run();
}
