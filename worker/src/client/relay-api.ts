// A typed client for the relay's HTTP API under /api/v1 (relay/src/routes/*.ts): one method per
// route, JSON in and out, binary fields as base64url strings. Credentials are the browser's session
// cookie (same-origin fetch) or, for devices and Node, `Authorization: Bearer`. Every failure is a
// RelayError (relay-error.ts); nothing here knows about keys or records.
import { blobBytesLength, blobPieces, type BlobBytes } from './blob-bytes.js';
import { RelayError, relayErrorFrom } from './relay-error.js';

export const API_PREFIX = '/api/v1';

/** Argon2id parameters as the relay spells them (relay/src/config.ts KdfParams). */
export interface RelayKdf { algorithm: string; version: number; memoryKiB: number; iterations: number; parallelism: number }

export interface LoginAnswer {
  accountId: string;
  name: string;
  kdf: RelayKdf;
  salt: string;
  passwordWrap?: string;
  recoveryWrap?: string;
  revision: number;
  quota: number;
  usage: number;
  sessionExpiresAt: string;
  /** Only when the session was asked for in bearer mode. */
  token?: string;
}

export interface AccountAnswer {
  accountId: string; name: string; quota: number; usage: number; revision: number; createdAt: string; deviceId: string | null;
}

export interface SignUpRequest {
  name: string; accountId: string; kdf: RelayKdf; salt: string; authKey: string;
  passwordWrap: string; recoveryWrap: string; recoveryAuthKey: string; invite?: string;
}

export type Proof = { authKey: string } | { recoveryAuthKey: string };

export interface PasswordChangeRequest {
  newKdf: RelayKdf; newSalt: string; newPasswordWrap: string; newAuthKey: string;
  newRecoveryWrap?: string; newRecoveryAuthKey?: string;
}

export interface DeviceAnswer {
  deviceId: string; name: string; createdAt: string; lastSeenAt: string | null; hasWrap: boolean; current: boolean;
}

export interface NodeChange { id: string; version: number; revision: number; deleted: boolean; body?: string }

export interface ChangesAnswer { revision: number; changes: NodeChange[]; more: boolean; next: number }

export interface NodeWriteAnswer { id: string; version: number; revision: number }

export type BatchOp =
  | { op: 'put'; id: string; ifVersion: number; body: string }
  | { op: 'delete'; id: string; ifVersion: number };

export interface UploadAnswer {
  blobId: string; size: number; partSize: number; partCount: number; receivedParts: number[]; expiresAt: string;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RelayApiOptions {
  /** Origin of the relay, e.g. `https://vault.example` or `http://127.0.0.1:8080`; '' for same-origin in a browser. */
  baseUrl: string;
  /** Which kind of session login asks for: the browser keeps an HttpOnly cookie, Node holds a bearer token. */
  sessionMode: 'cookie' | 'bearer';
  fetch?: FetchLike;
}

/*
 * [Note: Batch bodies reused]
 * A sync of many small files sends them in batches of up to 8 MiB, each body a fresh buffer: hundreds of
 * MiB per GiB sent that only the garbage collector could free, and in V8 fresh buffer memory is what
 * starts full collections. A body buffer is kept after its batch was answered (fetch copies a body when
 * called; the helper's fetch has written every byte once the relay answers), and the next batch that
 * fits is written into it.
 */
const BATCH_BODY_BYTES = 8 * 1024 * 1024 + 4096;
const BATCH_BODIES_KEPT = 2;

export class RelayApi {
  readonly baseUrl: string;
  readonly sessionMode: 'cookie' | 'bearer';
  /** The bearer token in use (a bearer session or a device token); null means cookie credentials. */
  token: string | null = null;
  private readonly fetcher: FetchLike;
  /** Request bodies of earlier blob batches, reused ([Note: Batch bodies reused]). */
  private readonly batchBodies: Uint8Array<ArrayBuffer>[] = [];

  constructor(options: RelayApiOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.sessionMode = options.sessionMode;
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
  }

  url(path: string): string {
    return `${this.baseUrl}${API_PREFIX}${path}`;
  }

  /** Sends one request; resolves only with a 2xx response. */
  async request(method: string, path: string, init: { json?: unknown; body?: BodyInit; headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.token !== null) headers.authorization = `Bearer ${this.token}`;
    let body = init.body;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    let response: Response;
    try {
      response = await this.fetcher(this.url(path), {
        method, headers, body, signal: init.signal,
        // Cookies only for our own origin; a bearer token needs none.
        credentials: 'same-origin',
      });
    } catch (error) {
      if (init.signal?.aborted) throw init.signal.reason ?? error;
      throw new RelayError(0, 'network', `The relay could not be reached (${(error as Error).message}).`);
    }
    if (!response.ok) throw await relayErrorFrom(response);
    return response;
  }

  async json<T>(method: string, path: string, init: Parameters<RelayApi['request']>[2] = {}): Promise<T> {
    const response = await this.request(method, path, init);
    return (await response.json()) as T;
  }

  // ---- account ----
  prelogin(name: string): Promise<{ kdf: RelayKdf; salt: string }> {
    return this.json('POST', '/auth/prelogin', { json: { name } });
  }
  signUp(request: SignUpRequest): Promise<LoginAnswer> {
    return this.json('POST', '/auth/signup', { json: { ...request, session: this.sessionMode } });
  }
  logIn(name: string, proof: Proof): Promise<LoginAnswer> {
    return this.json('POST', '/auth/login', { json: { name, ...proof, session: this.sessionMode } });
  }
  async logOut(): Promise<void> {
    await this.request('POST', '/auth/logout');
  }
  async changePassword(proof: Proof, change: PasswordChangeRequest): Promise<void> {
    await this.request('POST', '/auth/password', { json: { ...proof, ...change } });
  }
  account(): Promise<AccountAnswer> {
    return this.json('GET', '/account');
  }

  // ---- devices ----
  /** Registers a device without a wrap: the wrap names the device id, known only from this answer. */
  registerDevice(name: string): Promise<DeviceAnswer & { deviceToken: string }> {
    return this.json('POST', '/devices', { json: { name } });
  }
  /** With the device's own token. */
  async setDeviceWrap(wrap: string): Promise<void> {
    await this.request('PUT', '/devices/self/wrap', { json: { wrap } });
  }
  async listDevices(): Promise<DeviceAnswer[]> {
    return (await this.json<{ devices: DeviceAnswer[] }>('GET', '/devices')).devices;
  }
  deviceSelf(): Promise<DeviceAnswer & { wrap: string | null }> {
    return this.json('GET', '/devices/self');
  }
  async revokeDevice(deviceId: string): Promise<void> {
    await this.request('DELETE', `/devices/${deviceId}`);
  }

  // ---- nodes ----
  changes(since: number, signal?: AbortSignal): Promise<ChangesAnswer> {
    return this.json('GET', `/nodes/changes?since=${since}`, { signal });
  }
  getNode(id: string): Promise<NodeChange> {
    return this.json('GET', `/nodes/${id}`);
  }
  /** `ifVersion` 0 creates (If-None-Match: *), otherwise compare-and-swap on that version. */
  putNode(id: string, ifVersion: number, body: string): Promise<NodeWriteAnswer> {
    const headers: Record<string, string> = ifVersion === 0 ? { 'if-none-match': '*' } : { 'if-match': `"${ifVersion}"` };
    return this.json('PUT', `/nodes/${id}`, { json: { body }, headers });
  }
  deleteNode(id: string, ifVersion: number): Promise<NodeWriteAnswer> {
    return this.json('DELETE', `/nodes/${id}`, { headers: { 'if-match': `"${ifVersion}"` } });
  }
  batch(ops: BatchOp[]): Promise<{ revision: number; nodes: NodeWriteAnswer[] }> {
    return this.json('POST', '/nodes/batch', { json: { ops } });
  }

  // ---- uploads and blobs ----
  createUpload(size: number, signal?: AbortSignal): Promise<UploadAnswer> {
    return this.json('POST', '/uploads', { json: { size }, signal });
  }
  uploadStatus(blobId: string, signal?: AbortSignal): Promise<UploadAnswer> {
    return this.json('GET', `/uploads/${blobId}`, { signal });
  }
  /**
   * A Blob body, not the bytes themselves: Chromium sends an ArrayBuffer body about ten times slower
   * than a Blob of the same bytes (measured: 8 MiB in ~2.3 s against ~0.25 s, page or worker alike).
   */
  async putPart(blobId: string, index: number, body: Blob | Uint8Array<ArrayBuffer>, signal?: AbortSignal): Promise<void> {
    await this.request('PUT', `/uploads/${blobId}/parts/${index}`, {
      body, headers: { 'content-type': 'application/octet-stream' }, signal,
    });
  }
  commitUpload(blobId: string, signal?: AbortSignal): Promise<{ blobId: string; size: number }> {
    return this.json('POST', `/uploads/${blobId}/commit`, { signal });
  }
  /**
   * Stores up to 256 small blobs (together at most one part) in one request, all or none; the answer
   * lists their new ids in the same order. Body: u32 count, u32 sizes, then the bytes (docs/API.md).
   */
  async putBlobs(blobs: readonly BlobBytes[], signal?: AbortSignal): Promise<{ blobId: string; size: number }[]> {
    const header = 4 + 4 * blobs.length;
    const sizes = blobs.map(blobBytesLength);
    const length = header + sizes.reduce((sum, size) => sum + size, 0);
    const kept = this.batchBodies.findIndex((b) => b.length >= length);
    const buffer = kept >= 0 ? this.batchBodies.splice(kept, 1)[0] : new Uint8Array(Math.max(length, BATCH_BODY_BYTES));
    const body = buffer.subarray(0, length);
    const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
    view.setUint32(0, blobs.length);
    let offset = header;
    blobs.forEach((blob, i) => {
      view.setUint32(4 + 4 * i, sizes[i]);
      for (const piece of blobPieces(blob)) {
        body.set(piece, offset);
        offset += piece.length;
      }
    });
    const answer = await this.json<{ blobs: { blobId: string; size: number }[] }>('POST', '/blobs/batch', {
      body, headers: { 'content-type': 'application/octet-stream' }, signal,
    });
    // Answered, so every byte was read: the buffer is free for the next batch. After a failure it is
    // dropped instead, since a request cut short may still hold it.
    if (this.batchBodies.length < BATCH_BODIES_KEPT) this.batchBodies.push(buffer);
    return answer.blobs;
  }
  async abortUpload(blobId: string): Promise<void> {
    await this.request('DELETE', `/uploads/${blobId}`);
  }
  /**
   * Where blobs kept on this device are looked up before the relay is asked (files made available
   * offline; the same ciphertext the relay holds, so it is opened and verified the same way).
   */
  keptBlob: ((blobId: string) => Promise<Blob | undefined>) | null = null;
  /** Set while the vault was opened from this device's copy: a blob that isn't kept is then "not available offline". */
  workingOffline = false;

  /** The blob as a stream; `range` asks for bytes start…end inclusive. */
  async readBlob(blobId: string, options: { signal?: AbortSignal; range?: { start: number; end: number } } = {}): Promise<ReadableStream<Uint8Array>> {
    const kept = await this.keptBlob?.(blobId);
    if (kept) return (options.range ? kept.slice(options.range.start, options.range.end + 1) : kept).stream();
    const headers: Record<string, string> = options.range ? { range: `bytes=${options.range.start}-${options.range.end}` } : {};
    const response = await this.request('GET', `/blobs/${blobId}`, { headers, signal: options.signal }).catch((error: unknown) => {
      if (this.workingOffline && error instanceof RelayError && error.status === 0) {
        throw new RelayError(0, 'not_offline', 'This file is not available offline. Connect to open it, or make it available offline while connected.');
      }
      throw error;
    });
    if (!response.body) throw new RelayError(0, 'network', 'The relay sent no body for the blob.');
    return response.body;
  }
  async deleteBlob(blobId: string): Promise<void> {
    await this.request('DELETE', `/blobs/${blobId}`);
  }
}
