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

/**
 * A generated file as a download that no cache keeps: it is "as of" the moment it was asked
 * for. Sent as is, without the ETag Express would add: a validator no client may use, and
 * computing it hashed the whole body on the server thread (~20 ms for a 40 × 200 report).
 */
function sendDownload(
  res: Response,
  { contentType, filename, asciiFilename }: { contentType: string; filename: string; asciiFilename: string },
  body: Buffer,
): void {
  res.set({
    'Content-Type': contentType,
    'Content-Disposition': attachmentDisposition(filename, asciiFilename),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': String(body.length),
  });
  res.end(body);
}

/** A report PDF as a download. */
export function sendPdf(res: Response, { pdf, filename, asciiFilename }: ReportFile): void {
  // A Buffer over the same memory, not a copy.
  const body = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  sendDownload(res, { contentType: 'application/pdf', filename, asciiFilename }, body);
}

/** An XLSX or CSV export as a download, "as of" the moment it was asked for like a PDF. */
export function sendSpreadsheet(res: Response, { bytes, ...names }: SpreadsheetFile): void {
  sendDownload(res, names, bytes);
}
