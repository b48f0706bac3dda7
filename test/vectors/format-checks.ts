// Every environment-neutral format check in one list, for the Node wrappers (uvu) and the
// Chromium Web Worker runner alike ([Note: Shared format checks] in check-harness.ts).
import type { DeflateCodec } from '../../worker/src/index.js';
import { argon2Checks } from './argon2-checks.js';
import type { BackendName, Check } from './check-harness.js';
import { cobblestoneChecks } from './cobblestone-checks.js';
import { contentHashChecks } from './content-hash-checks.js';
import { aesGcmChecks, hkdfSha256Checks, hkdfSha512Checks } from './primitive-checks.js';
import { roundTripChecks } from './roundtrip-checks.js';
import { tamperChecks } from './tamper-checks.js';
import { vbx1Checks } from './vbx1-checks.js';

export type { Check, BackendName } from './check-harness.js';

export interface FormatCheckOptions {
  /** AES-GCM backend; 'node' only works in Node. Default 'webcrypto' (works everywhere). */
  backend?: BackendName;
  /** DEFLATE codec for the VBX1 checks; default: the platform's choice. */
  codec?: DeflateCodec;
  /** Include the backend-independent checks (HKDF, Argon2id)? Default true. */
  backendIndependent?: boolean;
}

export function formatChecks(options: FormatCheckOptions = {}): Check[] {
  const backend = options.backend ?? 'webcrypto';
  const { codec } = options;
  const checks: Check[] = [
    ...aesGcmChecks(backend),
    ...cobblestoneChecks(backend),
    ...vbx1Checks({ backend, codec }),
    ...roundTripChecks({ backend, codec }),
    ...tamperChecks({ backend }),
    ...contentHashChecks(backend),
  ];
  if (options.backendIndependent ?? true) checks.push(...hkdfSha512Checks(), ...hkdfSha256Checks(), ...argon2Checks());
  return checks;
}

export { aesGcmChecks, argon2Checks, cobblestoneChecks, contentHashChecks, hkdfSha256Checks, hkdfSha512Checks, roundTripChecks, tamperChecks, vbx1Checks };
