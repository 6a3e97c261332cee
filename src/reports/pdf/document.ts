import PDFDocument from 'pdfkit';
import { cjkFont } from '../fonts.js';
import type { ReportModel } from '../model/types.js';
import { FONT, MARGINS, PAGE_SIZE } from './theme.js';

export interface OpenDocument {
  doc: PDFKit.PDFDocument;
  /** Ends the document and resolves with its bytes. */
  finish: () => Promise<Uint8Array>;
}

/**
 * A buffered A4 document (pages stay open so the page numbers can be stamped at the end)
 * with the CJK font, parsed once per process, registered for all text in both languages.
 */
export function openDocument(model: ReportModel): OpenDocument {
  const doc = new PDFDocument({
    size: PAGE_SIZE,
    margins: MARGINS,
    bufferPages: true,
    lang: model.locale,
    displayTitle: true,
    info: { Title: model.documentTitle, Creator: 'SLA Probe', Producer: 'SLA Probe (pdfkit)' },
  });
  // pdfkit takes a parsed fontkit font (PDFFontFactory.open); its type definitions predate that.
  doc.registerFont(FONT.regular, cjkFont('Regular') as never);
  doc.registerFont(FONT.bold, cjkFont('Bold') as never);
  doc.font(FONT.regular);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => {
      const bytes = Buffer.concat(chunks);
      resolve(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
    doc.on('error', reject);
  });
  return {
    doc,
    finish: () => {
      doc.end();
      return done;
    },
  };
}
