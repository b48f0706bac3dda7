// Share links, reader side (DESIGN.md §6): what the share page (no account) asks the crypto worker.
// 1. open: the link's secret gives the read token and the manifest key (keys/share-keys.ts); the
//    relay says what the share needs (GET /public/shares/{id}); without a password the manifest comes
//    at once (POST …/open) and is opened here.
// 2. unlock: a password share derives its verifier and key with Argon2id ([Note: Share password]),
//    the relay checks the verifier, and the file list opens only with the password key.
// 3. download: one counted download (POST …/downloads → ticket), then each blob streamed from
//    GET …/blobs/{id} through openSourceStream into the page's sink — one file, or a ZIP of the folder via
//    folder-zip.ts. Nothing unverified reaches the sink; a failed stream aborts it.
// The secret and password live only in this object's memory, for as long as the page is open.
import { openSourceStream } from '../format/blob-stream.js';
import { deriveShareKeys } from '../keys/share-keys.js';
import { deriveSharePasswordKeys } from '../keys/share-password.js';
import { decodeBase64url, encodeBase64url } from './base64url.js';
import { copyTo, streamOf, type CopyOptions, type CopyTarget } from './file-download.js';
import { zipEntries, type ZipSource } from './folder-zip.js';
import { fromRelayKdf } from './kdf-params.js';
import type { RelayApi } from './relay-api.js';
import { ShareError, toShareError } from './share-error.js';
import { openList, openManifest, type ShareFile, type ShareList, type ShareSummary } from './share-manifest.js';
import { publicShares, type PublicShareInfo } from './share-relay.js';

/** What the share page shows. Times are ms since the epoch. */
export interface ShareView {
  shareId: string;
  /** 'password': ask for it (then `unlock`); 'open': the files are listed. */
  state: 'password' | 'open';
  attemptsLeft: number | null;
  expiresAt: number | null;
  downloadLimit: number | null;
  downloadsLeft: number | null;
  summary: ShareSummary | null;
  files: { path: string; size: number; mediaType: string; mtime: number }[];
}

/** 'all': the file of a file share, or the whole folder as a ZIP; otherwise one file by its path. */
export type ShareSelection = { all: true } | { path: string };

export interface ShareDownloadInfo { fileName: string; size: number | null; mediaType: string }

interface OpenShare {
  token: string;
  manifestKey: Uint8Array;
  info: PublicShareInfo;
  verifier: string | null;
  summary: ShareSummary | null;
  list: ShareList | null;
}

const SECRET_TEXT = /^[A-Za-z0-9_-]{22,}$/;

export class ShareReader {
  private readonly shares = new Map<string, OpenShare>();

  constructor(private readonly api: RelayApi) {}

  private view(shareId: string): ShareView {
    const s = this.need(shareId);
    const time = (t: string | null) => (t === null ? null : Date.parse(t));
    return {
      shareId, state: s.list ? 'open' : 'password', attemptsLeft: s.info.password?.attemptsLeft ?? null,
      expiresAt: time(s.info.expiresAt), downloadLimit: s.info.downloadLimit, downloadsLeft: s.info.downloadsLeft,
      summary: s.summary, files: (s.list?.files ?? []).map((f) => ({ path: f.path, size: f.size, mediaType: f.mediaType, mtime: f.mtime })),
    };
  }

  private need(shareId: string): OpenShare {
    const s = this.shares.get(shareId);
    if (!s) throw new ShareError('not-found', 'Open the share link again.');
    return s;
  }

  async open(shareId: string, secretText: string): Promise<ShareView> {
    try {
      if (!SECRET_TEXT.test(secretText)) throw new ShareError('not-found', 'This link is incomplete: the part after # is missing or cut short. Copy the whole link.');
      const { manifestKey, authToken } = await deriveShareKeys(decodeBase64url(secretText));
      const token = encodeBase64url(authToken);
      const info = await publicShares.info(this.api, shareId, token);
      const share: OpenShare = { token, manifestKey, info, verifier: null, summary: null, list: null };
      if (!info.password) {
        const opened = await publicShares.open(this.api, shareId, token, null);
        const outer = await openManifest(manifestKey, decodeBase64url(opened.manifest), shareId);
        if (!outer.list) throw new ShareError('tampered', 'The server says this share has no password, but its files are sealed with one: the share was changed on the server.');
        Object.assign(share, { summary: outer.summary, list: this.checkBlobs(outer.list, opened.blobIds), info: { ...info, downloadsLeft: opened.downloadsLeft } });
      }
      this.shares.set(shareId, share);
      return this.view(shareId);
    } catch (error) {
      throw toShareError(error);
    }
  }

  async unlock(shareId: string, password: string): Promise<ShareView> {
    try {
      const share = this.need(shareId);
      if (share.list) return this.view(shareId);
      const gate = share.info.password;
      if (!gate) throw new ShareError('server', 'This share has no password.');
      const keys = await deriveSharePasswordKeys(password, decodeBase64url(gate.salt), fromRelayKdf(gate.kdf));
      const verifier = encodeBase64url(keys.verifier);
      let opened;
      try {
        opened = await publicShares.open(this.api, shareId, share.token, verifier);
      } catch (error) {
        const e = toShareError(error);
        if (e.extra.attemptsLeft !== undefined) share.info = { ...share.info, password: { ...gate, attemptsLeft: e.extra.attemptsLeft } };
        throw e;
      }
      const outer = await openManifest(share.manifestKey, decodeBase64url(opened.manifest), shareId);
      const list = outer.list ?? await openList(share.manifestKey, keys.passwordKey, outer.sealedList!, shareId, outer.summary);
      keys.passwordKey.fill(0);
      Object.assign(share, { verifier, summary: outer.summary, list: this.checkBlobs(list, opened.blobIds), info: { ...share.info, downloadsLeft: opened.downloadsLeft } });
      return this.view(shareId);
    } catch (error) {
      throw toShareError(error);
    }
  }

  /** Every blob the manifest names must be one the relay lets this share read. */
  private checkBlobs(list: ShareList, blobIds: readonly string[]): ShareList {
    const allowed = new Set(blobIds);
    if (list.files.some((f) => !allowed.has(f.blobId))) throw new ShareError('tampered', 'The share\'s file list and the server disagree about its files; the share was changed on the server.');
    return list;
  }

  private opened(shareId: string): OpenShare & { list: ShareList; summary: ShareSummary } {
    const share = this.need(shareId);
    if (!share.list || !share.summary) throw new ShareError('password-required', 'Enter the share\'s password first.');
    return share as OpenShare & { list: ShareList; summary: ShareSummary };
  }

  private pick(share: { list: ShareList; summary: ShareSummary }, selection: ShareSelection): ShareFile | 'zip' {
    if ('path' in selection) {
      const file = share.list.files.find((f) => f.path === selection.path);
      if (!file) throw new ShareError('not-found', 'This share has no such file.');
      return file;
    }
    return share.summary.kind === 'file' && share.list.files.length === 1 ? share.list.files[0] : 'zip';
  }

  downloadInfo(shareId: string, selection: ShareSelection): ShareDownloadInfo {
    try {
      const share = this.opened(shareId);
      const what = this.pick(share, selection);
      if (what === 'zip') return { fileName: `${share.summary.name || 'Shared files'}.zip`, size: null, mediaType: 'application/zip' };
      return { fileName: what.path.split('/').pop()!, size: what.size, mediaType: what.mediaType };
    } catch (error) {
      throw toShareError(error);
    }
  }

  /** Counts one download on the relay, then streams the file or the ZIP into `target`. */
  async download(shareId: string, selection: ShareSelection, target: CopyTarget, options: CopyOptions = {}): Promise<{ downloadsLeft: number | null }> {
    try {
      const share = this.opened(shareId);
      const what = this.pick(share, selection);
      const ticket = await publicShares.startDownload(this.api, shareId, share.token, share.verifier);
      share.info = { ...share.info, downloadsLeft: ticket.downloadsLeft };
      const openFile = async (file: ShareFile) => {
        const blob = await publicShares.readBlob(this.api, shareId, file.blobId, share.token, ticket.ticket, options.signal);
        return openSourceStream(blob, decodeBase64url(file.fileKey), { length: file.length });
      };
      if (what === 'zip') {
        const sources: ZipSource[] = [
          ...share.list.files.map((f): ZipSource => ({ kind: 'file', path: f.path, mtime: f.mtime, size: f.size, open: () => openFile(f) })),
          ...share.list.emptyFolders.map((path): ZipSource => ({ kind: 'folder', path })),
        ];
        await zipEntries(sources, target, options);
      } else {
        let source: ReadableStream<Uint8Array>;
        try {
          source = await openFile(what);
        } catch (error) {
          await streamOf(target).abort(error).catch(() => undefined);
          throw error;
        }
        await copyTo(source, target, what.size, '', options);
      }
      return { downloadsLeft: ticket.downloadsLeft };
    } catch (error) {
      throw toShareError(error);
    }
  }
}
