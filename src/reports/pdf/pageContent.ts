/**
 * pdfkit turns every drawing operator of a page into a typed array of its own and keeps them
 * until the page is written out. A big report draws millions of operators (~130 MB of text
 * for the 40 × 200 report), and those small arrays, and the strings joined to make fewer of
 * them, were much of its memory and garbage collection. Here a page's operators are written
 * as bytes straight into one buffer, reused from page to page, and deflated from there when
 * the page is written out: the same bytes in the end.
 */

import { deflateSync } from 'node:zlib';

/** The part of pdfkit's content stream (PDFReference) this writes through. */
interface ContentStream {
  write(chunk: string | Uint8Array): void;
  finalize(): void;
  /** What pdfkit has been given so far, written out at `finalize`. */
  buffer: Uint8Array[];
  /** Whether pdfkit deflates the stream at `finalize` (its Filter is then FlateDecode). */
  compress: boolean;
  /** The stream's dictionary: pdfkit's own write keeps Length (and Filter) in it. */
  data: Record<string, unknown>;
  uncompressedLength: number;
}

/** zlib's level for page content (its default is 6): see `finalize` below. */
const DEFLATE_LEVEL = 3;
/** A page's first buffer; one that outgrows it is doubled (a dense page takes ~40 KB). */
const FIRST_BYTES = 64 * 1024;
/** Text written at once, in characters (each one byte, latin1). */
const TEXT_RUN = 16 * 1024;

/**
 * Buffers of pages written out, for the next pages to write into: a report leaves one page
 * before it starts the next, so one buffer serves them all; a document that keeps pages open
 * (pdfkit's `bufferPages`) takes one per open page.
 */
type FreeBuffers = Buffer[];

/** Writes a page's operators into a buffer until the page is written out. */
function gatherWrites(content: ContentStream, free: FreeBuffers): void {
  let bytes = free.pop() ?? Buffer.allocUnsafe(FIRST_BYTES);
  let length = 0;
  const room = (more: number) => {
    if (length + more <= bytes.length) return;
    let size = bytes.length * 2;
    while (size < length + more) size *= 2;
    const larger = Buffer.allocUnsafe(size);
    bytes.copy(larger, 0, 0, length);
    bytes = larger;
  };
  const append = (chunk: Uint8Array) => {
    room(chunk.length);
    bytes.set(chunk, length);
    length += chunk.length;
  };
  // Text chunks are joined (as pdfkit takes them: each followed by a line break) and copied
  // into the buffer as one string: a copy per chunk cost more than the chunk's own bytes.
  let text = '';
  const flushText = () => {
    if (text === '') return;
    room(text.length);
    length += bytes.write(text, length, 'latin1');
    text = '';
  };
  // What pdfkit wrote before this took over (the page's first transform) comes first.
  for (const chunk of content.buffer) append(chunk);
  content.buffer = [];
  const finalize = content.finalize.bind(content);
  content.write = (chunk) => {
    if (typeof chunk === 'string') {
      text += chunk + '\n';
      if (text.length >= TEXT_RUN) flushText();
    } else {
      flushText();
      append(chunk);
    }
    content.uncompressedLength += typeof chunk === 'string' ? chunk.length + 1 : chunk.length;
    // pdfkit's own write keeps these, in this order, in the stream's dictionary.
    content.data['Length'] ??= 0;
    if (content.compress) content.data['Filter'] = 'FlateDecode';
  };
  content.finalize = () => {
    flushText();
    if (length > 0) {
      const written = bytes.subarray(0, length);
      // Deflated here rather than by pdfkit: straight from the buffer, and at a lower level
      // than zlib's default (half the time for ~15% more bytes).
      content.buffer = [content.compress ? deflateSync(written, { level: DEFLATE_LEVEL }) : written];
      content.compress = false;
    }
    // pdfkit copies what it is given into bytes of the page's own, so the buffer is free again.
    finalize();
    free.push(bytes);
  };
}

/** Gathers the operators of every page of `doc`, the first one included. */
export function gatherPageContent(doc: PDFKit.PDFDocument): void {
  const free: FreeBuffers = [];
  const install = () => {
    const content = (doc.page as unknown as { content?: Partial<ContentStream> }).content;
    // Should pdfkit change how pages hold their content, it keeps writing its own way.
    if (
      typeof content?.write === 'function' &&
      typeof content.finalize === 'function' &&
      Array.isArray(content.buffer) &&
      typeof content.compress === 'boolean' &&
      typeof content.data === 'object' &&
      typeof content.uncompressedLength === 'number'
    )
      gatherWrites(content as ContentStream, free);
  };
  install();
  doc.on('pageAdded', install);
}
