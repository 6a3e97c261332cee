/**
 * pdfkit turns every drawing operator of a page into a typed array of its own and keeps them
 * all until the document ends (the pages stay open so their numbers can be stamped last).
 * A big report draws millions of operators, and those small arrays were most of its memory
 * and much of its garbage collection. Here a page's operators are gathered as text and handed
 * to pdfkit in blocks of a few kilobytes, and a page that is left behind keeps what it has so
 * far deflated (zlib's fastest level), inflated again only when pdfkit writes the page out:
 * the same bytes in the end, in far less memory while the rest of the report is laid out.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** The part of pdfkit's content stream (PDFReference) this writes through. */
interface ContentStream {
  write(chunk: string | Uint8Array): void;
  finalize(): void;
  /** What pdfkit has been given so far, written out (and deflated by it) at `finalize`. */
  buffer: Uint8Array[];
}

/** Operators are handed over once this many characters have gathered. */
const BLOCK_CHARS = 16_384;
/**
 * Pages are packed away only past this many: a report of a few hundred pages holds their
 * drawing in a few megabytes, and packing would only cost it time (a twentieth of it).
 */
const PACK_AFTER_PAGES = 300;

/** Gathers a page's writes; returns what packs the page away when the document moves on. */
function gatherWrites(content: ContentStream): () => void {
  const write = content.write.bind(content);
  const finalize = content.finalize.bind(content);
  let pending: string[] = [];
  let length = 0;
  /** What the page held when it was left, deflated, in order. */
  const packed: Buffer[] = [];
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
    if (packed.length > 0)
      content.buffer = [...packed.map((block) => inflateRawSync(block)), ...content.buffer];
    packed.length = 0;
    finalize();
  };
  return () => {
    flush();
    if (content.buffer.length === 0) return;
    packed.push(deflateRawSync(Buffer.concat(content.buffer), { level: 1 }));
    content.buffer = [];
  };
}

/** Gathers the operators of every page of `doc`, the first one included. */
export function gatherPageContent(doc: PDFKit.PDFDocument, packAfterPages = PACK_AFTER_PAGES): void {
  let packLeftPage: (() => void) | null = null;
  let pages = 1;
  const install = () => {
    const content = (doc.page as unknown as { content?: Partial<ContentStream> }).content;
    // Should pdfkit change how pages hold their content, it keeps writing its own way.
    const usable =
      typeof content?.write === 'function' &&
      typeof content.finalize === 'function' &&
      Array.isArray(content.buffer);
    packLeftPage = usable ? gatherWrites(content as ContentStream) : null;
  };
  install();
  doc.on('pageAdded', () => {
    // Called after pdfkit made the new page current; the packer still points at the one left.
    pages += 1;
    if (pages > packAfterPages) packLeftPage?.();
    install();
  });
}
