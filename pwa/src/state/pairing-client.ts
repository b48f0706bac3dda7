// The seam between the UI and pairing a computer (the Windows helper, DESIGN.md §3): the
// `PairingClient` the Devices page's "Add a computer" dialog uses, and the types that cross it. Types
// only, like vault-client.ts; every method rejects with a VaultError. The protocol is
// [Note: Pairing protocol] in worker/src/client/pairing.ts.

/** An open offer. The code holds the one-time secret: show it, never log or store it. */
export interface PairingOffer {
  readonly pairingId: string;
  /** Four groups of four letters and digits, typed into `veilbox-helper pair --code`. */
  readonly code: string;
  /** `https://HOST/pair#<code>`, for the QR code. */
  readonly link: string;
  /** ms since the epoch. */
  readonly expiresAt: number;
}

export interface PairingState {
  readonly pairingId: string;
  /** burnt: too many wrong codes were tried. */
  readonly status: 'pending' | 'claimed' | 'expired' | 'burnt';
  readonly deviceId: string | null;
  /** Six digits once a computer claimed the code; the helper shows the same ones. */
  readonly verificationCode: string | null;
  readonly attemptsLeft: number;
  readonly expiresAt: number;
}

export interface PairingClient {
  offer(): Promise<PairingOffer>;
  state(pairingId: string): Promise<PairingState>;
  /** The codes match: the computer stays paired. */
  confirm(pairingId: string): Promise<void>;
  /** The codes differ, or the user gave up: the computer that claimed is removed, an open offer withdrawn. */
  reject(pairingId: string): Promise<void>;
}
