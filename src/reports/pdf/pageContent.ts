/**
 * pdfkit turns every drawing operator of a page into a typed array of its own and keeps them
 * all until the document ends (the pages stay open so their numbers can be stamped last).
 * A big report draws millions of operators, and those small arrays were most of its memory
 * and much of its garbage collection. Here a page's operators are gathered as text and handed
 * to pdfkit in blocks of a few kilobytes: the same bytes, in far fewer, bigger pieces.
 */

/** The part of pdfkit's content stream (PDFReference) this writes through. */
interface ContentStream {
  write(chunk: string | Uint8Array): void;
  finalize(): void;
}

/** Operators are handed over once this many characters have gathered. */
const BLOCK_CHARS = 16_384;

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
    finalize();
  };
}

/** Gathers the operators of every page of `doc`, the first one included. */
export function gatherPageContent(doc: PDFKit.PDFDocument): void {
  const contentOf = () => (doc.page as unknown as { content?: ContentStream }).content;
  const install = () => {
    const content = contentOf();
    // Should pdfkit change how pages hold their content, it keeps writing its own way.
    if (content && typeof content.write === 'function' && typeof content.finalize === 'function')
      gatherWrites(content);
  };
  install();
  doc.on('pageAdded', install);
}
