// Checks of the primitives against outside references: Wycheproof AES-GCM (256-bit key, 96-bit IV,
// 128-bit tag) through the AEAD backend seam, and Wycheproof HKDF-SHA-512 / HKDF-SHA-256.
// Environment-neutral: see [Note: Shared format checks] in check-harness.ts.
import aesGcm from './aes_gcm_test.json' with { type: 'json' };
import hkdfSha256 from './hkdf_sha256_test.json' with { type: 'json' };
import hkdfSha512 from './hkdf_sha512_test.json' with { type: 'json' };
import { hexToBytes, hkdf, isFormatError, loadAeadBackend, type HkdfHash } from '../../worker/src/index.js';
import { assert, assertBytes, type BackendName, type Check } from './check-harness.js';

interface AeadVector { tcId: number; key: string; iv: string; aad: string; msg: string; ct: string; tag: string; result: string; flags: string[] }
interface HkdfVector { tcId: number; ikm: string; salt: string; info: string; size: number; okm: string; result: string }

export function aesGcmChecks(backendName: BackendName): Check[] {
  const suite = `AES-256-GCM Wycheproof [${backendName}]`;
  const groups = aesGcm.testGroups.filter((g) => g.keySize === 256 && g.ivSize === 96 && g.tagSize === 128);
  return groups.flatMap((g) => (g.tests as AeadVector[]).map((t): Check => ({
    suite,
    name: `tcId ${t.tcId} (${t.result}${t.flags.length ? ', ' + t.flags.join(',') : ''})`,
    async run() {
      const backend = await loadAeadBackend(backendName);
      const key = await backend.importKey(hexToBytes(t.key));
      const iv = hexToBytes(t.iv);
      const aad = hexToBytes(t.aad);
      const sealed = hexToBytes(t.ct + t.tag);
      const opened = await backend.open(key, iv, sealed, aad);
      if (t.result === 'valid') {
        assert(opened, 'a valid vector must authenticate');
        assertBytes(opened, hexToBytes(t.msg), 'decrypted message');
        assertBytes(await backend.seal(key, iv, hexToBytes(t.msg), aad), sealed, 'ciphertext ‖ tag');
      } else {
        assert(opened === null, 'an invalid vector must fail authentication and return nothing');
      }
    },
  })));
}

function hkdfChecks(hash: HkdfHash, file: { testGroups: { tests: HkdfVector[] }[] }): Check[] {
  return file.testGroups.flatMap((g) => g.tests.map((t): Check => ({
    suite: `HKDF-${hash} Wycheproof`,
    name: `tcId ${t.tcId} (${t.result}, ${t.size} bytes)`,
    async run() {
      let okm: Uint8Array | undefined;
      let error: unknown;
      try {
        okm = await hkdf(hash, hexToBytes(t.ikm), hexToBytes(t.salt), hexToBytes(t.info), t.size);
      } catch (e) {
        error = e;
      }
      if (t.result === 'valid') {
        assert(okm, `valid vector failed: ${String(error)}`);
        assertBytes(okm, hexToBytes(t.okm), 'OKM');
      } else {
        assert(isFormatError(error, 'bad-parameters'), 'an oversized output must be refused');
      }
    },
  })));
}

export function hkdfSha512Checks(): Check[] {
  return hkdfChecks('SHA-512', hkdfSha512 as { testGroups: { tests: HkdfVector[] }[] });
}

export function hkdfSha256Checks(): Check[] {
  return hkdfChecks('SHA-256', hkdfSha256 as { testGroups: { tests: HkdfVector[] }[] });
}
