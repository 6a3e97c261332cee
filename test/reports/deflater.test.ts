import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { deflateNow, DeflatingThread } from '../../src/reports/pdf/deflater.js';

/** Page-like content: text operators, different on every page. */
function page(number: number, rows = 300): Buffer {
  const lines: string[] = [];
  for (let row = 0; row < rows; row++)
    lines.push(
      `1 0 0 1 ${40 + (row % 7)} ${800 - row * 2.5} Tm`,
      `[<00${(number * 31 + row) % 97}41> 12] TJ`,
    );
  return Buffer.from(lines.join('\n'), 'latin1');
}

const threads: DeflatingThread[] = [];
function started(options?: ConstructorParameters<typeof DeflatingThread>[0]): DeflatingThread {
  const thread = new DeflatingThread(options);
  threads.push(thread);
  return thread;
}

afterEach(async () => {
  await Promise.all(threads.splice(0).map((thread) => thread.close()));
});

describe('page content deflated on a thread of its own', () => {
  it('when many pages are handed over before any is taken, then each comes back as its own bytes deflated, in any order', () => {
    const thread = started();
    const pages = Array.from({ length: 12 }, (_, number) => page(number));
    const deflating = pages.map((bytes) => thread.deflate(bytes));
    // Taken newest first: the answers that arrive before theirs are kept for them.
    const taken = [...deflating]
      .reverse()
      .map((pending) => pending.take())
      .reverse();
    taken.forEach((deflated, number) => {
      expect(inflateSync(deflated).equals(pages[number] as Buffer)).toBe(true);
      // The same bytes as deflating on the spot: the thread changes where, not what.
      expect(Buffer.from(deflated).equals(Buffer.from(deflateNow(pages[number] as Buffer).take()))).toBe(
        true,
      );
    });
    expect(thread.broken).toBe(false);
  });

  it('when a page buffer (a slice of a larger one) is handed over, then its owner keeps it whole and the page deflated is its own', () => {
    const thread = started();
    const larger = Buffer.alloc(256 * 1024);
    const content = page(1);
    content.copy(larger);
    const handed = larger.subarray(0, content.length);
    const deflating = thread.deflate(handed);
    // Nothing was moved out from under the owner, who writes the next page once this is taken.
    expect(larger.length).toBe(256 * 1024);
    expect(handed.equals(content)).toBe(true);
    expect(inflateSync(deflating.take()).equals(content)).toBe(true);
  });

  it('when more pages are answered ahead of the one taken than are kept (a document that failed half-way), then the oldest are let go and every page still comes back as its own bytes', () => {
    const thread = started({ patienceMs: 200 });
    const pages = Array.from({ length: 70 }, (_, number) => page(number, 20));
    const deflating = pages.map((bytes) => thread.deflate(bytes));
    // The newest first: the 69 answers before it are read, only the latest of them kept.
    const taken = [...deflating].reverse().map((pending) => pending.take());
    taken.reverse().forEach((deflated, number) => {
      expect(inflateSync(deflated).equals(pages[number] as Buffer)).toBe(true);
    });
  });

  it('when the thread ends before answering, then the page is deflated here without waiting out the patience, and so are later pages', () => {
    const thread = started({ program: 'process.exit(0)', patienceMs: 60_000 });
    const first = page(3);
    expect(inflateSync(thread.deflate(first).take()).equals(first)).toBe(true);
    expect(thread.broken).toBe(true);
    const second = page(4);
    expect(inflateSync(thread.deflate(second).take()).equals(second)).toBe(true);
  });

  it('when the thread falls silent, then a page is waited for no longer than the patience given, and deflated here', () => {
    const thread = started({ program: 'setInterval(() => {}, 1000)', patienceMs: 150 });
    const bytes = page(5);
    const askedAt = performance.now();
    expect(inflateSync(thread.deflate(bytes).take()).equals(bytes)).toBe(true);
    expect(performance.now() - askedAt).toBeLessThan(2_000);
    expect(thread.broken).toBe(true);
  });
});
