// The relay's drop routes (docs/API.md "Drops"): the owner's (create, items, close, delete) as functions
// over the signed-in RelayApi, and the uploader's (no account, X-Drop-Token) as `DropUploadApi`, a
// RelayApi whose upload calls go to /public/drops/{id}/uploads… so that file-upload.ts and
// blob-upload.ts send a phone's files exactly as they send the vault's own. Nothing here knows keys.
import { RelayApi, type RelayApiOptions, type UploadAnswer } from './relay-api.js';

/** The owner's view of a drop. */
export interface DropAnswer {
  dropId: string;
  status: 'open' | 'expired' | 'closed';
  createdAt: string;
  expiresAt: string;
  closedAt: string | null;
  sizeCap: number;
  bytesUsed: number;
  itemCount: number;
  publicInfo: string | null;
}

export interface DropItemAnswer { itemId: string; record: string; blobIds: string[]; createdAt: string }

/** What the uploader sees of an open drop. */
export interface PublicDropAnswer { dropId: string; expiresAt: string; sizeCap: number; bytesUsed: number; partSize: number; publicInfo: string | null }

export interface CreateDropRequest { dropId: string; tokenHash: string; sizeCap: number; expiresInSeconds: number; publicInfo?: string }

export function createDrop(api: RelayApi, request: CreateDropRequest): Promise<DropAnswer> {
  return api.json('POST', '/drops', { json: request });
}

export async function listDropItems(api: RelayApi, dropId: string): Promise<DropItemAnswer[]> {
  return (await api.json<{ items: DropItemAnswer[] }>('GET', `/drops/${dropId}/items`)).items;
}

/** Accepts what arrived: the drop's blobs become ordinary blobs of the account. */
export function closeDrop(api: RelayApi, dropId: string): Promise<DropAnswer> {
  return api.json('POST', `/drops/${dropId}/close`);
}

/** Discards whatever a close did not accept, and the drop. */
export async function deleteDrop(api: RelayApi, dropId: string): Promise<void> {
  await api.request('DELETE', `/drops/${dropId}`);
}

/** The uploader's side of one drop: every call carries the drop's token, and no session. */
export class DropUploadApi extends RelayApi {
  private readonly headers: Record<string, string>;
  private readonly base: string;

  constructor(options: RelayApiOptions, readonly dropId: string, token: string) {
    super({ ...options, sessionMode: 'bearer' });
    this.headers = { 'x-drop-token': token };
    this.base = `/public/drops/${dropId}`;
  }

  info(signal?: AbortSignal): Promise<PublicDropAnswer> {
    return this.json('GET', this.base, { headers: this.headers, signal });
  }

  override createUpload(size: number, signal?: AbortSignal): Promise<UploadAnswer> {
    return this.json('POST', `${this.base}/uploads`, { json: { size }, headers: this.headers, signal });
  }

  override uploadStatus(blobId: string, signal?: AbortSignal): Promise<UploadAnswer> {
    return this.json('GET', `${this.base}/uploads/${blobId}`, { headers: this.headers, signal });
  }

  override async putPart(blobId: string, index: number, body: Blob, signal?: AbortSignal): Promise<void> {
    await this.request('PUT', `${this.base}/uploads/${blobId}/parts/${index}`, {
      body, headers: { ...this.headers, 'content-type': 'application/octet-stream' }, signal,
    });
  }

  override commitUpload(blobId: string, signal?: AbortSignal): Promise<{ blobId: string; size: number }> {
    return this.json('POST', `${this.base}/uploads/${blobId}/commit`, { headers: this.headers, signal });
  }

  /** The uploader can't abandon an upload; the relay frees it when the owner closes or deletes the drop. */
  override async abortUpload(): Promise<void> {}

  async postItem(record: string, blobIds: string[], signal?: AbortSignal): Promise<string> {
    return (await this.json<{ itemId: string }>('POST', `${this.base}/items`, { json: { record, blobIds }, headers: this.headers, signal })).itemId;
  }
}
