// Classifies a node for icons, the "type" filter, sorting by type and choosing a previewer, from its
// media type with the file name's extension as fallback (uploads from some browsers carry no type).
import type { VaultNode } from './vault-client.js';

export type MediaKind = 'folder' | 'image' | 'pdf' | 'text' | 'audio' | 'video' | 'archive' | 'document' | 'other';

export const mediaKindLabels: Record<MediaKind, string> = {
  folder: 'Folder', image: 'Image', pdf: 'PDF', text: 'Text or code', audio: 'Audio', video: 'Video',
  archive: 'Archive', document: 'Document', other: 'Other',
};

const byExt: Record<string, MediaKind> = {};
const add = (kind: MediaKind, exts: string) => { for (const e of exts.split(' ')) byExt[e] = kind; };
add('image', 'png jpg jpeg gif webp avif svg bmp ico heic');
add('pdf', 'pdf');
add('text', 'txt md markdown csv tsv log json jsonc yaml yml toml ini conf xml html htm css js mjs cjs ts tsx jsx py rb go rs java kt c h cc cpp hpp cs swift php sh bash zsh ps1 bat sql lua r pl ex exs erl hs scala dart vue svelte');
add('audio', 'mp3 wav ogg oga flac m4a aac opus weba');
add('video', 'mp4 m4v webm mov mkv ogv avi');
add('archive', 'zip gz tgz tar 7z rar bz2 xz zst');
add('document', 'doc docx odt rtf xls xlsx ods ppt pptx odp pages numbers key epub');

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

export function mediaKindOf(node: Pick<VaultNode, 'type' | 'name' | 'mediaType'>): MediaKind {
  if (node.type === 'folder') return 'folder';
  const mt = node.mediaType.toLowerCase();
  if (mt === 'application/pdf') return 'pdf';
  if (mt.startsWith('image/')) return 'image';
  if (mt.startsWith('audio/')) return 'audio';
  if (mt.startsWith('video/')) return 'video';
  if (mt.startsWith('text/') || mt === 'application/json' || mt === 'application/xml' || mt === 'application/javascript') return 'text';
  return byExt[extensionOf(node.name)] ?? (mt === 'application/zip' ? 'archive' : 'other');
}

/** The label in the "Type" column: the kind, refined with the extension ("Image · PNG"). */
export function typeLabelOf(node: Pick<VaultNode, 'type' | 'name' | 'mediaType'>): string {
  const kind = mediaKindOf(node);
  if (kind === 'folder') return 'Folder';
  const ext = extensionOf(node.name);
  return ext ? `${mediaKindLabels[kind]} · ${ext.toUpperCase()}` : mediaKindLabels[kind];
}

/** Previewable kinds; audio and video in browsers play only some codecs, which the element reports. */
export function canPreview(kind: MediaKind): boolean {
  return kind === 'image' || kind === 'pdf' || kind === 'text' || kind === 'audio' || kind === 'video';
}
