/**
 * file-type (and the tokenizer packages under it, ~40 files) is loaded with the first upload
 * sniffed, not at start-up: most starts serve pages long before any file arrives.
 */
const fileType = () => import('file-type');

export const TEXT_PLAIN = 'text/plain';
export const OCTET_STREAM = 'application/octet-stream';
const NAME_MAX = 255;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Markup a browser would run or render if it ever trusted the type: named so, never served so. */
const MARKUP: [pattern: RegExp, type: string][] = [
  [/^\s*<\?xml[\s\S]*<svg[\s>]/i, 'image/svg+xml'],
  [/^\s*<svg[\s>]/i, 'image/svg+xml'],
  [/^\s*<\?xml/i, 'application/xml'],
  [/<(!doctype\s+html|html|head|body|script|iframe|object|embed)[\s>/]/i, 'text/html'],
];

/**
 * The media type of a file from its bytes, never its name (SPEC §9): what file-type recognises
 * by magic numbers; otherwise markup is named as such (HTML, SVG, XML), valid UTF-8 without
 * NUL bytes is `text/plain`, and anything else `application/octet-stream`.
 */
export async function sniffType(bytes: Uint8Array): Promise<string> {
  const known = await (await fileType()).fileTypeFromBuffer(bytes);
  if (known) return known.mime;
  if (bytes.includes(0)) return OCTET_STREAM;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return OCTET_STREAM;
  }
  return MARKUP.find(([pattern]) => pattern.test(text.slice(0, 64 * 1024)))?.[1] ?? TEXT_PLAIN;
}

/**
 * Types sent as they are on download; everything else (HTML, SVG, XML, scripts, unknown) goes
 * out as `application/octet-stream`. Downloads are attachments with nosniff and a sandbox CSP
 * anyway; this keeps a browser that ignores one of them from rendering active content.
 */
const SERVED_AS_IS = new Set([
  TEXT_PLAIN,
  'application/pdf',
  'application/zip',
  'application/gzip',
  'application/x-7z-compressed',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'message/rfc822',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'image/heic',
  'image/avif',
  'audio/mpeg',
  'audio/wav',
  'video/mp4',
  'video/webm',
]);

export const servedTypeOf = (type: string): string => (SERVED_AS_IS.has(type) ? type : OCTET_STREAM);

const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A file name as shown and offered on download: no folders, no control or direction characters, at most 255 characters. */
export function cleanFileName(name: string): string {
  const base = name.replace(LONE_SURROGATES, '').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  // At most NAME_MAX UTF-16 units (what the stored schema counts), never half of a surrogate pair.
  const short = cleaned.slice(0, NAME_MAX).replace(LONE_SURROGATES, '').trim();
  return short === '' || short === '.' || short === '..' ? 'file' : short;
}
