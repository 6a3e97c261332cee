import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { Flow } from '../../src/reports/pdf/flow.js';

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
