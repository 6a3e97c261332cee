/**
 * pdfkit turns every drawing operator of a page into a typed array of its own and keeps them
 * until the page is written out. A big report draws millions of operators (~100 MB of text
 * for the 40 × 200 report), and those small arrays, and the strings joined to make fewer of
 * them, were much of its memory and garbage collection. Here a page's operators are written
 * as bytes straight into one buffer, reused from page to page, and deflated from there when
 * the page is written out: the same drawing in the end.
 *
 * A deflated page's content is written a little later than pdfkit would (when later pages end,
 * or the document does), so that a long document can deflate it on another thread meanwhile
 * (see deflater.ts); every page waits the same, so the bytes are always the same.
 */

import { deflateNow, deflateOnThread, type Deflating } from './deflater.js';

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

/** A page's first buffer; one that outgrows it is doubled (a dense page takes ~40 KB). */
const FIRST_BYTES = 64 * 1024;
/** Text written at once, in characters (each one byte, latin1). */
const TEXT_RUN = 16 * 1024;

/**
 * Buffers of pages written out, for the next pages to write into: a report leaves one page
 * before it starts the next, so a few buffers (one per page still being deflated) serve them
 * all; a document that keeps pages open (pdfkit's `bufferPages`) takes one per open page.
 */
type FreeBuffers = Buffer[];

/**
 * Pages from this many on are deflated on the deflating thread, the first ones here: a report
 * of a few dozen pages (the sample trial's has 28) is done before a thread would have started.
 */
export const THREADED_FROM_PAGE = 48;

/**
 * Pages ended and not yet written while the next one is laid out: each is deflated meanwhile,
 * and a page waits for as many later ones to end (or the document to) before it is written.
 */
const PAGES_AHEAD = 2;

/** What the pages of one document share. */
interface Pages {
  free: FreeBuffers;
  /** Pages ended so far. */
  ended: number;
  /** Deflated pages not written yet, oldest first: each writes its content when called. */
  waiting: (() => void)[];
}

/** Writes the content of every waiting page but the `keep` newest, oldest first. */
function writeWaiting(pages: Pages, keep: number): void {
  while (pages.waiting.length > keep) pages.waiting.shift()?.();
}

/** Writes a page's operators into a buffer until the page is written out. */
function gatherWrites(content: ContentStream, pages: Pages): void {
  const { free } = pages;
  let bytes = free.pop() ?? Buffer.allocUnsafe(FIRST_BYTES);
  let length = 0;
  const room = (more: number) => {
    if (length + more <= bytes.length) return;
    let size = Math.max(bytes.length * 2, FIRST_BYTES);
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
  // Text chunks are kept, then joined (as pdfkit takes them: each followed by a line break) and
  // copied into the buffer as one string: a copy per chunk cost more than the chunk's own bytes.
  const texts: string[] = [];
  let textLength = 0;
  const flushText = () => {
    if (texts.length === 0) return;
    texts.push('');
    room(textLength);
    length += bytes.write(texts.join('\n'), length, 'latin1');
    texts.length = 0;
    textLength = 0;
  };
  // What pdfkit wrote before this took over (the page's first transform) comes first.
  for (const chunk of content.buffer) append(chunk);
  content.buffer = [];
  const finalize = content.finalize.bind(content);
  content.write = (chunk) => {
    if (typeof chunk === 'string') {
      texts.push(chunk);
      textLength += chunk.length + 1;
      if (textLength >= TEXT_RUN) flushText();
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
    pages.ended += 1;
    if (length === 0 || !content.compress) {
      if (length > 0) content.buffer = [bytes.subarray(0, length)];
      // pdfkit copies what it is given into bytes of the page's own, so the buffer is free again.
      finalize();
      free.push(bytes);
      return;
    }
    const written = bytes.subarray(0, length);
    const deflating: Deflating =
      pages.ended >= THREADED_FROM_PAGE ? deflateOnThread(written) : deflateNow(written);
    pages.waiting.push(() => {
      content.buffer = [deflating.take()];
      content.compress = false;
      finalize();
      // The buffer is left alone until its page is deflated, then free for another page.
      free.push(bytes);
    });
    writeWaiting(pages, PAGES_AHEAD);
  };
}

/**
 * Gathers the operators of every page of `doc`, the first one included. The last pages'
 * content is written when the document ends (after pdfkit's own `end`, which waits for it).
 */
export function gatherPageContent(doc: PDFKit.PDFDocument): void {
  const pages: Pages = { free: [], ended: 0, waiting: [] };
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
      gatherWrites(content as ContentStream, pages);
  };
  install();
  doc.on('pageAdded', install);
  const end = doc.end.bind(doc);
  doc.end = () => {
    end();
    writeWaiting(pages, 0);
  };
}
