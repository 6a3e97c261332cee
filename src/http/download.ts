import type { Response } from 'express';
import type { SpreadsheetFile } from '../app/exports.js';
import type { ReportFile } from '../app/reports.js';

/** Characters encodeURIComponent leaves alone that RFC 5987's attr-char does not allow. */
const NOT_ATTR_CHAR = /['()*]/g;
const PLAIN_ASCII_NAME = /^[\x20-\x7e]+$/;

/**
 * `attachment` with the name twice: RFC 5987 `filename*` (UTF-8, so trial and vendor names in
 * Chinese survive) and a plain `filename` for clients that only read that one — the name itself
 * when it is printable ASCII, otherwise an ASCII name that still says what the file is.
 */
export function attachmentDisposition(filename: string, fallback: string): string {
  const plain = PLAIN_ASCII_NAME.test(filename) && !/["\\%]/.test(filename) ? filename : fallback;
  const encoded = encodeURIComponent(filename).replace(
    NOT_ATTR_CHAR,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${plain}"; filename*=UTF-8''${encoded}`;
}

/** A generated PDF as a download that no cache keeps: it is "as of" the moment it was asked for. */
export function sendPdf(res: Response, { pdf, filename, asciiFilename }: ReportFile): void {
  res.set({
    'Content-Type': 'application/pdf',
    'Content-Disposition': attachmentDisposition(filename, asciiFilename),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  // A Buffer over the same memory: Express sends Buffers as bytes (a plain Uint8Array as JSON).
  res.send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
}

/** An XLSX or CSV export as a download, "as of" the moment it was asked for like a PDF. */
export function sendSpreadsheet(
  res: Response,
  { bytes, contentType, filename, asciiFilename }: SpreadsheetFile,
): void {
  res.set({
    'Content-Type': contentType,
    'Content-Disposition': attachmentDisposition(filename, asciiFilename),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.send(bytes);
}
