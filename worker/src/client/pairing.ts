// Pairing a computer (the Windows helper) with the vault, both sides (DESIGN.md §3 "Pairing", docs/API.md
// "POST /pairings"). See [Note: Pairing protocol].
import { decodeBase64url, encodeBase64url } from './base64url.js';
import { ClientError, toClientError } from './client-error.js';
import { decodePairingCode, encodePairingCode } from './pairing-code.js';
import { derivePairingKeys, newPairingSecret, pairingTokenHash, unwrapFromPairing, verificationCode, wrapForPairing } from './pairing-keys.js';
import { RelayApi, type FetchLike } from './relay-api.js';
import { isRelayError } from './relay-error.js';
import { deviceWrap, newDeviceSecret } from './remembered-device.js';
import type { VaultCore } from './vault-core.js';

/*
 * [Note: Pairing protocol]
 * 1. The unlocked PWA makes an 80-bit one-time secret S and shows it as the pairing code (pairing-code.ts,
 *    also as a QR code of `<origin>/pair#<code>`). From S by HKDF (pairing-keys.ts): the pairing id, a
 *    claim token T and a key K. It posts POST /pairings { pairingId, tokenHash: SHA-256(T), payload:
 *    the vault key wrapped under K }. The relay sees neither S, T nor K.
 * 2. The helper reads the code, derives the same id, T and K, and claims: POST /public/pairings/{id}/claim
 *    { token: T, deviceName }. The relay checks SHA-256(T), counts attempts (5), expires the offer
 *    (5 minutes), answers once with the payload, a new device id and the device's bearer token, and
 *    erases the payload. A wrong code is refused (attempts left), a used or burnt one and an expired
 *    one each in words.
 * 3. The helper unwraps the vault key with K, makes its own random device secret D and stores on the
 *    relay (PUT /devices/self/wrap) the vault key wrapped under D (vault-key/device, owner = device id,
 *    as remembered-device.ts does). It keeps only the token and D locally (the DeviceStore), never the
 *    vault key, and shows the verification code HKDF(S, "…/verify/" ‖ deviceId) as 6 digits.
 * 4. The PWA polls GET /pairings/{id}; once claimed it computes the same 6 digits for the device id the
 *    relay reports and asks the user to compare. Matching: Confirm keeps the device. Not matching (the
 *    code was claimed by someone else): the device is revoked at once (DELETE /devices/{id}), which
 *    deletes its wrap and token. The relay as built hands the payload out at claim time, so the
 *    comparison can only undo a wrong claim, not hold it back; the secret's 80 bits, the 5 attempts
 *    and the 5-minute expiry are what keep a stranger from claiming first.
 */

export interface PairingOffer { pairingId: string; code: string; link: string; expiresAt: number }

export type PairingStatus = 'pending' | 'claimed' | 'expired' | 'burnt';

export interface PairingState {
  pairingId: string;
  status: PairingStatus;
  deviceId: string | null;
  /** Six digits once claimed, else null. */
  verificationCode: string | null;
  attemptsLeft: number;
  expiresAt: number;
}

interface PairingAnswer { pairingId: string; status: PairingStatus; deviceId: string | null; expiresAt: string; attemptsLeft: number }

/** The PWA's side, kept in the crypto worker: the secrets of offers this session made, by pairing id. */
export class PairingHost {
  private readonly secrets = new Map<string, Uint8Array>();

  constructor(private readonly core: VaultCore, private readonly origin: string) {}

  offer(options: { expiresInSeconds?: number } = {}): Promise<PairingOffer> {
    return this.core.withSession(async (session) => {
      const secret = newPairingSecret();
      const keys = await derivePairingKeys(secret);
      const payload = encodeBase64url(await wrapForPairing(keys, session.keys.vaultKey));
      keys.key.fill(0);
      const answer = await this.core.api.json<{ pairingId: string; expiresAt: string }>('POST', '/pairings', {
        json: { pairingId: keys.pairingId, tokenHash: await pairingTokenHash(keys.token), payload, ...(options.expiresInSeconds ? { expiresInSeconds: options.expiresInSeconds } : {}) },
      });
      this.secrets.set(answer.pairingId, secret);
      const code = encodePairingCode(secret);
      return { pairingId: answer.pairingId, code, link: `${this.origin}/pair#${code}`, expiresAt: Date.parse(answer.expiresAt) };
    });
  }

  state(pairingId: string): Promise<PairingState> {
    return this.core.withSession(async () => {
      const answer = await this.core.api.json<PairingAnswer>('GET', `/pairings/${pairingId}`);
      const secret = this.secrets.get(pairingId);
      const code = answer.status === 'claimed' && answer.deviceId && secret ? await verificationCode(secret, answer.deviceId) : null;
      return { pairingId, status: answer.status, deviceId: answer.deviceId, verificationCode: code, attemptsLeft: answer.attemptsLeft, expiresAt: Date.parse(answer.expiresAt) };
    });
  }

  /** The user saw the same digits on both screens: the device stays; the secret is forgotten. */
  async confirm(pairingId: string): Promise<void> {
    this.forget(pairingId);
  }

  /** The digits differ, or the user gave up: a claimed device is revoked, an open offer withdrawn. */
  reject(pairingId: string): Promise<void> {
    return this.core.withSession(async () => {
      const answer = await this.core.api.json<PairingAnswer>('GET', `/pairings/${pairingId}`).catch(() => null);
      if (answer?.deviceId) await this.core.api.revokeDevice(answer.deviceId).catch((e: unknown) => { if (!isRelayError(e, 'device_not_found')) throw e; });
      await this.core.api.request('DELETE', `/pairings/${pairingId}`).catch((e: unknown) => { if (!isRelayError(e, 'pairing_not_found')) throw e; });
      this.forget(pairingId);
    });
  }

  private forget(pairingId: string): void {
    this.secrets.get(pairingId)?.fill(0);
    this.secrets.delete(pairingId);
  }
}

export interface ClaimedPairing {
  accountId: string;
  login: string;
  deviceId: string;
  deviceToken: string;
  /** The device secret D the vault key is wrapped under on the relay; keep it like a password. */
  deviceSecret: Uint8Array;
  verificationCode: string;
}

/** The code as typed, or the whole `…/pair#CODE` link. */
export function pairingCodeFrom(input: string): string {
  const hash = input.lastIndexOf('#');
  return hash >= 0 ? input.slice(hash + 1) : input;
}

function claimError(error: unknown): ClientError {
  if (isRelayError(error)) {
    switch (error.code) {
      case 'pairing_secret_wrong': return new ClientError('wrong-password', 'That pairing code is wrong. Check it against the one your browser shows and try again.', { cause: error });
      case 'pairing_expired': return new ClientError('not-found', 'That pairing code has expired. Choose "Add a computer" again in the browser for a new one.', { cause: error });
      case 'pairing_used': return new ClientError('not-found', 'That pairing code was already used (or too many wrong tries). Choose "Add a computer" again in the browser for a new one.', { cause: error });
      case 'pairing_not_found': return new ClientError('not-found', 'No pairing has that code. Check it against the one your browser shows, or start again with "Add a computer".', { cause: error });
    }
  }
  return toClientError(error);
}

/** The helper's side: claims the offer, puts its own wrap on the relay, and returns what to keep. */
export async function claimPairing(options: { baseUrl: string; code: string; deviceName: string; fetch?: FetchLike }): Promise<ClaimedPairing> {
  const secret = decodePairingCode(pairingCodeFrom(options.code));
  const keys = await derivePairingKeys(secret);
  const api = new RelayApi({ baseUrl: options.baseUrl, sessionMode: 'bearer', fetch: options.fetch });
  let answer: { accountId: string; name: string | null; deviceId: string; deviceToken: string; payload: string };
  try {
    answer = await api.json('POST', `/public/pairings/${keys.pairingId}/claim`, { json: { token: keys.token, deviceName: options.deviceName } });
  } catch (error) {
    throw claimError(error);
  }
  let vaultKey: Uint8Array;
  try {
    vaultKey = await unwrapFromPairing(keys, decodeBase64url(answer.payload));
  } catch {
    throw new ClientError('tampered', 'The relay handed out a pairing payload that does not open with this code.');
  } finally {
    keys.key.fill(0);
  }
  const deviceSecret = newDeviceSecret();
  api.token = answer.deviceToken;
  try {
    await api.setDeviceWrap(await deviceWrap(deviceSecret, vaultKey, answer.deviceId));
  } catch (error) {
    throw toClientError(error);
  } finally {
    vaultKey.fill(0);
  }
  return {
    accountId: answer.accountId, login: answer.name ?? '', deviceId: answer.deviceId, deviceToken: answer.deviceToken,
    deviceSecret, verificationCode: await verificationCode(secret, answer.deviceId),
  };
}
