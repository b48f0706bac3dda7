// A small password strength estimate for the sign-up and change-password forms. The vault key is
// wrapped under the password and the relay operator holds that wrap, so a weak password is an
// offline guess away: the estimate is deliberately conservative and sign-up requires `minimumScore`.
export type StrengthScore = 0 | 1 | 2 | 3 | 4;

export interface Strength {
  readonly score: StrengthScore;
  /** Rough guessing entropy in bits. */
  readonly bits: number;
  readonly label: 'Too weak' | 'Weak' | 'Fair' | 'Strong' | 'Very strong';
  /** One short hint, or '' when nothing to add. */
  readonly hint: string;
}

export const minimumScore: StrengthScore = 3;

const common = new Set([
  'password', 'passw0rd', '123456', '12345678', '123456789', '1234567890', 'qwerty', 'qwertyuiop', 'letmein', 'welcome',
  'iloveyou', 'admin', 'monkey', 'dragon', 'football', 'baseball', 'sunshine', 'princess', 'trustno1', 'abc123',
  'master', 'shadow', 'superman', 'michael', 'veilbox', 'secret', 'changeme', 'azerty', 'hello', 'freedom',
]);

const labels = ['Too weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

/** Bits for one run of characters from the pools it uses. */
function poolBits(s: string): number {
  let pool = 0;
  if (/[a-z]/.test(s)) pool += 26;
  if (/[A-Z]/.test(s)) pool += 26;
  if (/[0-9]/.test(s)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(s)) pool += 33;
  return pool ? Math.log2(pool) : 0;
}

export function estimateStrength(password: string, context: readonly string[] = []): Strength {
  if (!password) return { score: 0, bits: 0, label: labels[0], hint: 'Use a long passphrase: four or more unrelated words.' };
  let s = password;
  const lower = s.toLowerCase();
  let hint = '';
  for (const c of context.map((x) => x.toLowerCase()).filter((x) => x.length >= 3)) {
    if (lower.includes(c)) { s = s.replace(new RegExp(c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'ig'), 'x'); hint = 'Don\'t use your login name in the password.'; }
  }
  for (const w of common) {
    if (s.toLowerCase().includes(w)) { s = s.replace(new RegExp(w, 'ig'), 'x'); hint = hint || 'Avoid common passwords and keyboard patterns.'; }
  }
  // Repeats ("aaaa") and runs ("abcd", "4321") add almost nothing.
  s = s.replace(/(.)\1{2,}/g, '$1');
  s = s.replace(/(?:abcd|bcde|cdef|defg|1234|2345|3456|4567|5678|6789|9876|8765|7654|6543|5432|4321)+/gi, 'x');
  const perChar = poolBits(s);
  // Letters-only text is probably words: count it at ~2.5 bits a character, not log2(26) ≈ 4.7.
  const lettersOnly = /^[a-z\s]+$/i.test(s);
  const bits = Math.round(s.length * (lettersOnly ? Math.min(perChar, 2.5) : perChar));
  const score: StrengthScore = bits < 28 ? 0 : bits < 40 ? 1 : bits < 56 ? 2 : bits < 80 ? 3 : 4;
  if (!hint && score < minimumScore) hint = password.length < 12 ? 'Make it longer: 12 characters or more, or four unrelated words.' : 'Add more words or a few unusual characters.';
  return { score, bits, label: labels[score], hint };
}
