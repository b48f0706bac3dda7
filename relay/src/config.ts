// Every tunable of the relay in one object, with the production defaults. Tests pass overrides
// (cheap scrypt, small parts, a fake clock); server.ts fills it from command-line options.
import { resolve } from 'node:path';

/** Same shape as the client's PasswordKdfParams (worker/src/keys/password-kdf-params.ts). */
export interface KdfParams {
  algorithm: 'argon2id';
  /** Argon2 version, 0x13 = 19. */
  version: number;
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

export interface ScryptCost { N: number; r: number; p: number }

export interface RateRule { limit: number; windowMs: number }

export interface RelayConfig {
  /** `open`: anyone may sign up; `invite`: sign-up needs a one-time invite code from the admin CLI. */
  signup: 'open' | 'invite';
  defaultQuotaBytes: number;
  /** Every part of a resumable upload has exactly this size except the last (S3 needs ≥ 5 MiB). */
  partSize: number;
  maxBlobSize: number;
  /** An upload with no new part for this long is swept, its bytes freed. */
  uploadTtlMs: number;
  sessionTtlMs: number;
  /** Cookies get `Secure` (set when serving TLS, or behind a TLS-terminating proxy). */
  secureCookies: boolean;
  /** Take the client IP from `X-Forwarded-For` (only behind a reverse proxy you run). */
  trustProxy: boolean;
  /** Folder of the built PWA; null serves a page that says to build it. */
  staticDir: string | null;
  /** Server-side slow hash of auth keys and share-password verifiers. */
  scrypt: ScryptCost;
  /** KDF parameters announced for unknown login names; match what clients use at sign-up. */
  defaultKdf: KdfParams;
  limits: {
    jsonBytes: number;
    largeJsonBytes: number;
    nodeBodyBytes: number;
    batchOps: number;
    wrapBytes: number;
    manifestBytes: number;
    shareBlobs: number;
    dropItemBytes: number;
    dropItems: number;
  };
  rateLimits: {
    loginPerIp: RateRule;
    loginFailuresPerAccount: RateRule;
    preloginPerIp: RateRule;
    signupPerIp: RateRule;
    sharePasswordPerIp: RateRule;
    pairingClaimPerIp: RateRule;
  };
  share: { maxPasswordAttempts: number; ticketTtlMs: number; maxTtlMs: number };
  drop: { defaultTtlMs: number; maxTtlMs: number; graceMs: number; maxSizeCap: number };
  pairing: { defaultTtlMs: number; maxTtlMs: number; maxAttempts: number };
  heartbeatMs: number;
  sweepIntervalMs: number;
  now: () => number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const MINUTE = 60_000;

export function defaultConfig(overrides: Partial<RelayConfig> = {}): RelayConfig {
  const base: RelayConfig = {
    signup: 'invite',
    defaultQuotaBytes: 10 * GiB,
    partSize: 8 * MiB,
    maxBlobSize: 64 * GiB,
    uploadTtlMs: 24 * 60 * MINUTE,
    sessionTtlMs: 30 * 24 * 60 * MINUTE,
    secureCookies: false,
    trustProxy: false,
    staticDir: null,
    scrypt: { N: 1 << 15, r: 8, p: 1 },
    defaultKdf: { algorithm: 'argon2id', version: 19, memoryKiB: 65536, iterations: 3, parallelism: 1 },
    limits: {
      jsonBytes: 64 * 1024,
      largeJsonBytes: 4 * MiB,
      nodeBodyBytes: 64 * 1024,
      batchOps: 500,
      wrapBytes: 1024,
      manifestBytes: 2 * MiB,
      shareBlobs: 10_000,
      dropItemBytes: 64 * 1024,
      dropItems: 1000,
    },
    rateLimits: {
      loginPerIp: { limit: 30, windowMs: 5 * MINUTE },
      loginFailuresPerAccount: { limit: 10, windowMs: 15 * MINUTE },
      preloginPerIp: { limit: 120, windowMs: 5 * MINUTE },
      signupPerIp: { limit: 10, windowMs: 60 * MINUTE },
      sharePasswordPerIp: { limit: 30, windowMs: 5 * MINUTE },
      pairingClaimPerIp: { limit: 20, windowMs: 5 * MINUTE },
    },
    share: { maxPasswordAttempts: 10, ticketTtlMs: 12 * 60 * MINUTE, maxTtlMs: 366 * 24 * 60 * MINUTE },
    drop: { defaultTtlMs: 15 * MINUTE, maxTtlMs: 15 * MINUTE, graceMs: 60 * MINUTE, maxSizeCap: 10 * GiB },
    pairing: { defaultTtlMs: 5 * MINUTE, maxTtlMs: 10 * MINUTE, maxAttempts: 5 },
    heartbeatMs: 30_000,
    sweepIntervalMs: MINUTE,
    now: () => Date.now(),
  };
  return {
    ...base,
    ...overrides,
    limits: { ...base.limits, ...overrides.limits },
    rateLimits: { ...base.rateLimits, ...overrides.rateLimits },
    share: { ...base.share, ...overrides.share },
    drop: { ...base.drop, ...overrides.drop },
    pairing: { ...base.pairing, ...overrides.pairing },
  };
}

/** The built PWA next to this package: `<repo>/pwa/dist`. */
export function defaultStaticDir(): string {
  return resolve(new URL('.', import.meta.url).pathname, '../../pwa/dist');
}
