// Whether a file gets DEFLATE: never for types that are already compressed (JPEG, PNG, MP4, ZIP
// and the like), otherwise only if a sample from its start shrinks by at least 5 %.
import { deflateSync } from 'fflate';
import { COMPRESSION_MAX_RATIO, DEFLATE_LEVEL } from './constants.js';

/** 'auto' applies the rule above; 'on' and 'off' force the choice. */
export type CompressionMode = 'auto' | 'on' | 'off';

export interface ContentHint {
  /** MIME type, if known (e.g. from File.type). */
  contentType?: string;
  /** File name, if known; its extension is checked when the type is missing or generic. */
  fileName?: string;
}

const COMPRESSED_EXTENSIONS = new Set([
  'jpg', 'jpeg', 'jfif', 'png', 'gif', 'webp', 'avif', 'heic', 'heif', 'jxl',
  'mp4', 'm4v', 'mov', 'mkv', 'webm', 'avi', 'wmv', 'flv', 'mpg', 'mpeg', '3gp',
  'mp3', 'm4a', 'aac', 'ogg', 'oga', 'opus', 'flac', 'wma',
  'zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'rar', 'lz4', 'lzma', 'cab', 'br',
  'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'epub', 'jar', 'apk', 'ipa', 'aab', 'xpi', 'crx',
  'woff', 'woff2', 'dmg', 'msi', 'pdf',
  'vbx1',
]);

const COMPRESSED_TYPE_PREFIXES = ['video/', 'audio/'];
const COMPRESSIBLE_MEDIA_TYPES = new Set(['image/svg+xml', 'image/bmp', 'image/x-ms-bmp', 'image/tiff', 'audio/wav', 'audio/x-wav', 'audio/wave']);
const COMPRESSED_TYPES = new Set([
  'application/zip', 'application/gzip', 'application/x-gzip', 'application/x-bzip2', 'application/x-xz',
  'application/zstd', 'application/x-7z-compressed', 'application/vnd.rar', 'application/x-rar-compressed',
  'application/pdf', 'application/epub+zip', 'application/java-archive', 'application/vnd.android.package-archive',
  'font/woff', 'font/woff2',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);

/** True when the type or extension says the content is already compressed. */
export function isAlreadyCompressed(hint: ContentHint): boolean {
  const type = (hint.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type && !COMPRESSIBLE_MEDIA_TYPES.has(type)) {
    if (COMPRESSED_TYPES.has(type)) return true;
    if (COMPRESSED_TYPE_PREFIXES.some((p) => type.startsWith(p))) return true;
    if (type.startsWith('image/')) return true; // raster formats are compressed but for the listed few
  }
  const name = (hint.fileName ?? '').toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot >= 0 && COMPRESSED_EXTENSIONS.has(name.slice(dot + 1));
}

/** The sample rule: DEFLATE must save at least 5 % of the sample's size. */
export function sampleShrinks(sample: Uint8Array): boolean {
  if (sample.length === 0) return false;
  const deflated = deflateSync(sample, { level: DEFLATE_LEVEL });
  return deflated.length <= sample.length * COMPRESSION_MAX_RATIO;
}

/** The decision for a file, given its hint and the first bytes (up to the sample size). */
export function shouldDeflate(mode: CompressionMode, hint: ContentHint, sample: Uint8Array): boolean {
  if (mode !== 'auto') return mode === 'on';
  return !isAlreadyCompressed(hint) && sampleShrinks(sample);
}
