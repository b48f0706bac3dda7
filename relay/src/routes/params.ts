// Path parameters checked by shape before anything touches a store: a malformed id is 400
// `invalid_id`, so only canonical 22-character ids ever reach a query or a file path.
import { HttpError } from '../http/http-error.js';
import type { AppContext } from '../http/types.js';
import { isId } from '../lib/ids.js';

export function idParam(c: AppContext, name: string): string {
  const value = c.req.param(name);
  if (!isId(value)) throw new HttpError(400, 'invalid_id', `"${name}" must be a 128-bit id in base64url (22 characters).`, { param: name });
  return value;
}
