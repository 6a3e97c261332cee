import PDFDocument from 'pdfkit';
import { cjkFont } from '../../src/reports/fonts.js';

/** A document as the reports open them (the CJK font) or with pdfkit's own Helvetica; uncompressed and dated 1970 so equal drawings give equal bytes. */
export function openDoc(font: 'cjk' | 'helvetica' = 'cjk'): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: 'A4', compress: false, info: { CreationDate: new Date(0) } });
  if (font === 'cjk') {
    doc.registerFont('regular', cjkFont('Regular') as never);
    doc.registerFont('bold', cjkFont('Bold') as never);
    doc.font('regular');
  }
  return doc;
}

/** Ends the document and resolves with its bytes. */
export function bytesOf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => {
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.end();
  });
}
