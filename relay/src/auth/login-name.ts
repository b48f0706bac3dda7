// Login names: trimmed, NFKC-normalised, lower-cased; 3–64 characters of a–z, 0–9 and `._@+-`, so an
// e-mail address works. The relay may know the name (DESIGN.md §2); it is not a secret.
import { HttpError } from '../http/http-error.js';

const NAME = /^[a-z0-9][a-z0-9._@+-]{2,63}$/;

export function normalizeName(raw: unknown): string {
  const name = typeof raw === 'string' ? raw.trim().normalize('NFKC').toLowerCase() : '';
  if (!NAME.test(name)) {
    throw new HttpError(400, 'invalid_request', 'Field "name" must be 3–64 characters: letters, digits and . _ @ + -, starting with a letter or digit.', { field: 'name' });
  }
  return name;
}
