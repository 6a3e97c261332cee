/**
 * pdfkit turns every drawing operator of a page into a typed array of its own and keeps them
 * until the page is written out. A big report draws millions of operators, and those small
 * arrays were much of its memory and garbage collection. Here a page's operators are gathered
 * as text and handed to pdfkit in blocks of a few kilobytes: the same bytes in the end.
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
}

/** Operators are handed over once this many characters have gathered. */
const BLOCK_CHARS = 16_384;
/** zlib's level for page content (its default is 6): see `finalize` below. */
const DEFLATE_LEVEL = 3;

/** Gathers a page's writes until the page is written out. */
function gatherWrites(content: ContentStream): void {
  const write = content.write.bind(content);
  const finalize = content.finalize.bind(content);
  let pending: string[] = [];
  let length = 0;
  const flush = () => {
    if (pending.length === 0) return;
    // pdfkit writes each text chunk as its low bytes followed by a line break; so does this.
    write(Buffer.from(pending.join(''), 'latin1'));
    pending = [];
    length = 0;
  };
  content.write = (chunk) => {
    if (typeof chunk !== 'string') {
      flush();
      write(chunk);
      return;
    }
    pending.push(chunk, '\n');
    length += chunk.length + 1;
    if (length >= BLOCK_CHARS) flush();
  };
  content.finalize = () => {
    flush();
    if (content.compress && content.buffer.length > 0) {
      // Deflated here rather than by pdfkit, for two reasons. zlib hands back a view into a
      // 16 KB block, and pdfkit would keep one such block per page until the document is read
      // out (some 80 MB for a 5,000-page report); pdfkit copies the bytes it is given instead.
      // And at a lower level than zlib's default: half the time for ~15% more bytes.
      content.buffer = [deflateSync(Buffer.concat(content.buffer), { level: DEFLATE_LEVEL })];
      content.compress = false;
    }
    finalize();
  };
}

/** Gathers the operators of every page of `doc`, the first one included. */
export function gatherPageContent(doc: PDFKit.PDFDocument): void {
  const install = () => {
    const content = (doc.page as unknown as { content?: Partial<ContentStream> }).content;
    // Should pdfkit change how pages hold their content, it keeps writing its own way.
    if (
      typeof content?.write === 'function' &&
      typeof content.finalize === 'function' &&
      Array.isArray(content.buffer) &&
      typeof content.compress === 'boolean'
    )
      gatherWrites(content as ContentStream);
  };
  install();
  doc.on('pageAdded', install);
}
