// Saving a decrypted file or folder ZIP to disk: straight to a file the user picks where the File
// System Access API exists (streamed, never a whole-file Blob), else through the link the client
// returns (service-worker stream, awaited to its end, or, for small files, a blob URL).
import type { DownloadOptions, VaultClient, VaultNode } from '../state/vault-client.js';

interface SavePickerWindow {
  showSaveFilePicker?: (options: { suggestedName?: string }) => Promise<FileSystemFileHandle>;
}

/** The browser's save dialog (File System Access), where it has one; rejects with AbortError when dismissed. */
export function savePicker(): ((options: { suggestedName?: string }) => Promise<FileSystemFileHandle>) | undefined {
  const picker = (window as unknown as SavePickerWindow).showSaveFilePicker;
  return picker && ((options) => picker.call(window, options));
}

/** Resolves false when the user dismissed the save dialog. */
export async function saveNode(client: VaultClient, node: VaultNode, options: DownloadOptions = {}): Promise<boolean> {
  const picker = savePicker();
  const suggestedName = node.type === 'folder' ? `${node.name || 'Veilbox'}.zip` : node.name;
  if (picker) {
    let handle: FileSystemFileHandle;
    try {
      handle = await picker({ suggestedName });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return false;
      throw e;
    }
    await client.downloadTo(node.id, handle, options);
    return true;
  }
  const link = await client.downloadTo(node.id, 'url', options);
  if (!link) return true;
  const a = document.createElement('a');
  a.href = link.url;
  // A streamed (service-worker) link is opened as a plain navigation: its answer is an attachment with
  // the name, so the page stays; Chromium cancels `download`-attribute downloads answered by a service worker.
  if (!link.finished) a.download = link.fileName;
  a.rel = 'noopener';
  a.click();
  // The browser has started reading the URL by the time the click returns; keep it a while for slow starts.
  setTimeout(() => link.release(), 60_000);
  // A service-worker link decrypts as the browser reads it: the download is over only then.
  await link.finished;
  return true;
}
