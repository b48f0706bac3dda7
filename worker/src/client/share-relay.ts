// The relay's share routes (docs/API.md "Shares"), owner side and reader side, on top of RelayApi's
// request(): JSON in and out, binary fields as base64url. The read token travels only in the
// X-Share-Token header and the ticket in X-Share-Ticket: never in a URL.
import type { RelayApi, RelayKdf } from './relay-api.js';
import { RelayError } from './relay-error.js';

export type ShareStatus = 'active' | 'revoked' | 'expired' | 'locked' | 'exhausted';

/** The owner's view of a share (GET /shares). */
export interface OwnerShareView {
  shareId: string;
  status: ShareStatus;
  createdAt: string;
  expiresAt: string | null;
  downloadLimit: number | null;
  downloadsUsed: number;
  passwordProtected: boolean;
  passwordFailures: number;
  revokedAt: string | null;
  blobIds: string[];
}

export interface CreateShareRequest {
  shareId: string;
  tokenHash: string;
  manifest: string;
  blobIds: string[];
  expiresInSeconds?: number;
  downloadLimit?: number;
  password?: { verifier: string; kdf: RelayKdf; salt: string };
}

export interface PublicShareInfo {
  shareId: string;
  expiresAt: string | null;
  downloadLimit: number | null;
  downloadsLeft: number | null;
  password: null | { kdf: RelayKdf; salt: string; attemptsLeft: number };
}

export interface OpenedShare { shareId: string; expiresAt: string | null; downloadLimit: number | null; downloadsLeft: number | null; manifest: string; blobIds: string[] }

export interface DownloadTicket { ticket: string; ticketExpiresAt: string; downloadsLeft: number | null }

export const ownerShares = {
  create: (api: RelayApi, request: CreateShareRequest) => api.json<OwnerShareView>('POST', '/shares', { json: request }),
  list: async (api: RelayApi) => (await api.json<{ shares: OwnerShareView[] }>('GET', '/shares')).shares,
  get: (api: RelayApi, shareId: string) => api.json<OwnerShareView & { manifest: string | null }>('GET', `/shares/${shareId}`),
  revoke: async (api: RelayApi, shareId: string) => { await api.request('DELETE', `/shares/${shareId}`); },
};

/** Reader calls, each with the share's read token (base64url). */
export const publicShares = {
  info: (api: RelayApi, shareId: string, token: string) =>
    api.json<PublicShareInfo>('GET', `/public/shares/${shareId}`, { headers: { 'x-share-token': token } }),
  open: (api: RelayApi, shareId: string, token: string, verifier: string | null) =>
    api.json<OpenedShare>('POST', `/public/shares/${shareId}/open`, { headers: { 'x-share-token': token }, json: verifier ? { passwordVerifier: verifier } : {} }),
  /** Counts one download on the relay and returns the ticket its blob reads present. */
  startDownload: (api: RelayApi, shareId: string, token: string, verifier: string | null) =>
    api.json<DownloadTicket>('POST', `/public/shares/${shareId}/downloads`, { headers: { 'x-share-token': token }, json: verifier ? { passwordVerifier: verifier } : {} }),
  async readBlob(api: RelayApi, shareId: string, blobId: string, token: string, ticket: string, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const response = await api.request('GET', `/public/shares/${shareId}/blobs/${blobId}`, { headers: { 'x-share-token': token, 'x-share-ticket': ticket }, signal });
    if (!response.body) throw new RelayError(0, 'network', 'The relay sent no body for the file.');
    return response.body;
  },
};
