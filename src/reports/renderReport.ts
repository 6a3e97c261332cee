/**
 * Build a PDF report in the calling thread. (Placeholder layout: a cover with the ranking;
 * the full report builder replaces the body of this function.)
 */
import PDFDocument from 'pdfkit';
import { computeScorecard, SCORING_MODEL } from '../domain/scoring/scorecard.js';
import { cjkFontPath } from './fonts.js';
import type { ReportRequest } from './request.js';

export function renderReport(request: ReportRequest): Promise<Uint8Array> {
  const card = computeScorecard(request.data, request.asOfMs);
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: request.data.trial.name } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => {
      resolve(new Uint8Array(Buffer.concat(chunks)));
    });
    doc.on('error', reject);
  });
  doc.registerFont('body', cjkFontPath('Regular'));
  doc.font('body').fontSize(20).text(request.data.trial.name);
  doc.fontSize(11).text(`${SCORING_MODEL} · ${new Date(request.asOfMs).toISOString()}`);
  for (const vendor of card.vendors) {
    if (request.kind === 'vendor' && vendor.vendorId !== request.vendorId) continue;
    doc.text(`${vendor.rank}. ${vendor.name} ${vendor.overall?.toFixed(2) ?? '—'}`);
  }
  doc.end();
  return done;
}
