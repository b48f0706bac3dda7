// Small text glyphs standing in for icons (no icon font or inline SVG to keep the CSP simple and the
// bundle small); the icon boxes are aria-hidden, the name beside them carries the meaning.
import type { MediaKind } from '../state/media-kind.js';

const glyphs: Record<MediaKind, string> = {
  folder: '', image: 'IMG', pdf: 'PDF', text: 'TXT', audio: '♪', video: '▶', archive: 'ZIP', document: 'DOC', other: '•••',
};

export function kindIcon(kind: MediaKind): string { return glyphs[kind]; }
