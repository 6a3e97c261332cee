import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { cjkFont } from '../../src/reports/fonts.js';
import { Flow } from '../../src/reports/pdf/flow.js';
import { COLOUR, FONT, SIZE } from '../../src/reports/pdf/theme.js';

/** A buffered A4 document, as the reports write them. */
function flowOf(compact = false): Flow {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 60, left: 50, right: 50 },
    bufferPages: true,
  });
  return new Flow(doc, compact);
}

const pageOf = (flow: Flow) => {
  const { start, count } = flow.doc.bufferedPageRange();
  return start + count - 1;
};

/** A section's body `share` of a page tall, drawn from where the cursor is. */
function body(flow: Flow, share: number): void {
  flow.ensure(10);
  flow.y += share * (flow.bottom - flow.top);
}

describe('where a section starts', () => {
  it('when the section before started on this page, then the next one opens a fresh page even if little was written', () => {
    const flow = flowOf();
    flow.startSection();
    body(flow, 0.2);

    flow.startSection();

    expect(pageOf(flow)).toBe(1);
    expect(flow.y).toBe(flow.top);
  });

  it('when the section before ran over onto this page by a little, then the next one follows below it', () => {
    const flow = flowOf();
    flow.startSection();
    body(flow, 0.9);
    flow.newPage(); // the section runs over
    body(flow, 0.1);

    flow.startSection();

    expect(pageOf(flow)).toBe(1);
    expect(flow.y).toBeGreaterThan(flow.top);
  });

  it('when the section before ran over onto this page by more than a third of it, then the next one opens a fresh page', () => {
    const flow = flowOf();
    flow.startSection();
    body(flow, 0.9);
    flow.newPage();
    body(flow, 0.4);

    flow.startSection();

    expect(pageOf(flow)).toBe(2);
  });
});

/** An uncompressed A4 document with the reports' fonts, and a way to read its bytes once ended. */
function fixedDocument(): { doc: PDFKit.PDFDocument; bytes: () => Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 60, left: 50, right: 50 },
    compress: false,
    info: { CreationDate: new Date(0) },
  });
  doc.registerFont(FONT.regular, cjkFont('Regular') as never);
  doc.registerFont(FONT.bold, cjkFont('Bold') as never);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve) => {
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
  });
  return {
    doc,
    bytes: () => {
      doc.end();
      return ended;
    },
  };
}

const PARAGRAPHS = [
  { text: 'P1 · opened 2026-11-03 14:05 · first response 12 min', size: SIZE.small, colour: COLOUR.muted },
  { text: '供应商对比报告：首次响应 12 分钟', size: SIZE.body, colour: COLOUR.text },
  { text: 'A text long enough to need a second line. '.repeat(4), size: SIZE.body, colour: COLOUR.text },
  { text: 'Two lines\nby a line break', size: SIZE.small, colour: COLOUR.text },
];

describe('paragraphs and headings', () => {
  it('when they fit on one line or wrap, then the PDF and the cursor are what pdfkit’s doc.text across the content width gives', async () => {
    const fast = fixedDocument();
    const flow = new Flow(fast.doc, false);
    flow.heading('Probe 12 — 首次响应', SIZE.h3);
    for (const { text, size, colour } of PARAGRAPHS) flow.paragraph(text, { size, colour }, 4);
    const fastY = flow.y;

    const own = fixedDocument();
    const { doc } = own;
    const width = doc.page.width - 100;
    doc.font(FONT.bold).fontSize(SIZE.h3).fillColor(COLOUR.text);
    doc.text('Probe 12 — 首次响应', 50, 64, { width });
    let y = 64 + doc.currentLineHeight(true) + SIZE.h3 * 0.4;
    for (const { text, size, colour } of PARAGRAPHS) {
      doc.font(FONT.regular).fontSize(size).fillColor(colour);
      doc.text(text, 50, y, { width });
      y = doc.y + 4;
    }

    expect(fastY).toBeCloseTo(y, 9);
    expect((await fast.bytes()).equals(await own.bytes())).toBe(true);
  });
});
