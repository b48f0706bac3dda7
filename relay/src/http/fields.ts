// Typed reads of a parsed JSON body. Each getter checks one field's exact shape and throws 400
// `invalid_request` naming the field, so routes read like a schema and never see unchecked input.
import type { KdfParams } from '../config.js';
import { decodeBase64url } from '../lib/base64url.js';
import { isId, isToken } from '../lib/ids.js';
import { HttpError } from './http-error.js';

interface BytesRule { min?: number; max: number; exact?: number }

export class Fields {
  constructor(private readonly body: Record<string, unknown>) {}

  private fail(name: string, what: string): never {
    throw new HttpError(400, 'invalid_request', `Field "${name}" ${what}.`, { field: name });
  }

  has(name: string): boolean {
    return this.body[name] !== undefined && this.body[name] !== null;
  }

  id(name: string): string {
    const v = this.body[name];
    if (!isId(v)) this.fail(name, 'must be a 128-bit id in base64url (22 characters)');
    return v;
  }

  optionalId(name: string): string | null {
    return this.has(name) ? this.id(name) : null;
  }

  token(name: string): string {
    const v = this.body[name];
    if (!isToken(v)) this.fail(name, 'must be a 256-bit token in base64url (43 characters)');
    return v;
  }

  bytes(name: string, rule: BytesRule): Buffer {
    const v = this.body[name];
    if (typeof v !== 'string') this.fail(name, 'must be a base64url string');
    const bytes = decodeBase64url(v);
    if (!bytes) this.fail(name, 'must be unpadded base64url');
    if (rule.exact !== undefined && bytes.length !== rule.exact) this.fail(name, `must decode to exactly ${rule.exact} bytes`);
    if (bytes.length < (rule.min ?? 1)) this.fail(name, `must decode to at least ${rule.min ?? 1} bytes`);
    if (bytes.length > rule.max) this.fail(name, `must decode to at most ${rule.max} bytes`);
    return bytes;
  }

  optionalBytes(name: string, rule: BytesRule): Buffer | null {
    return this.has(name) ? this.bytes(name, rule) : null;
  }

  int(name: string, min: number, max: number): number {
    const v = this.body[name];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) this.fail(name, `must be an integer from ${min} to ${max}`);
    return v;
  }

  optionalInt(name: string, min: number, max: number): number | null {
    return this.has(name) ? this.int(name, min, max) : null;
  }

  string(name: string, pattern: RegExp, description: string): string {
    const v = this.body[name];
    if (typeof v !== 'string' || !pattern.test(v)) this.fail(name, description);
    return v;
  }

  optionalString(name: string, pattern: RegExp, description: string): string | null {
    return this.has(name) ? this.string(name, pattern, description) : null;
  }

  idList(name: string, max: number): string[] {
    const v = this.body[name];
    if (!Array.isArray(v) || v.length > max || !v.every(isId)) this.fail(name, `must be a list of at most ${max} ids`);
    if (new Set(v).size !== v.length) this.fail(name, 'must not repeat an id');
    return v as string[];
  }

  array(name: string, max: number): Record<string, unknown>[] {
    const v = this.body[name];
    if (!Array.isArray(v) || v.length === 0 || v.length > max) this.fail(name, `must be a list of 1 to ${max} entries`);
    if (!v.every((e) => typeof e === 'object' && e !== null && !Array.isArray(e))) this.fail(name, 'must hold objects');
    return v as Record<string, unknown>[];
  }

  object(name: string): Fields {
    const v = this.body[name];
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(name, 'must be an object');
    return new Fields(v as Record<string, unknown>);
  }

  /** Argon2id parameters as the client uses them (DESIGN.md §3). The client enforces its own floor; the relay only keeps them sane. */
  kdf(name: string): KdfParams {
    const k = this.object(name);
    k.string('algorithm', /^argon2id$/, 'must be "argon2id"');
    return {
      algorithm: 'argon2id',
      version: k.int('version', 19, 19),
      memoryKiB: k.int('memoryKiB', 8192, 4 * 1024 * 1024),
      iterations: k.int('iterations', 1, 64),
      parallelism: k.int('parallelism', 1, 16),
    };
  }
}
