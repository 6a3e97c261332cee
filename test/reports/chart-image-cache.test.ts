import { describe, expect, it } from 'vitest';
import { ChartImageCache } from '../../src/reports/chartImageCache.js';

/** A drawing that counts how often it ran and returns an image naming the chart. */
function drawer() {
  const drawn: string[] = [];
  const draw = (name: string) => () => {
    drawn.push(name);
    return Promise.resolve(Buffer.from(name));
  };
  return { drawn, draw };
}

describe('chart images of recent reports', () => {
  it('when the same chart is asked again, then it is drawn once and the same image is given', async () => {
    const cache = new ChartImageCache();
    const { drawn, draw } = drawer();
    const first = await cache.get([400, 300, { type: 'bar', data: [1, 2] }], draw('a'));
    const again = await cache.get([400, 300, { type: 'bar', data: [1, 2] }], draw('a'));
    expect(drawn).toEqual(['a']);
    expect(again).toBe(first);
  });

  it.each([
    { what: 'other data', other: [400, 300, { type: 'bar', data: [1, 3] }] },
    { what: 'another size', other: [401, 300, { type: 'bar', data: [1, 2] }] },
  ])('when a chart with $what is asked, then it is drawn anew', async ({ other }) => {
    const cache = new ChartImageCache();
    const { drawn, draw } = drawer();
    await cache.get([400, 300, { type: 'bar', data: [1, 2] }], draw('a'));
    await cache.get(other, draw('b'));
    expect(drawn).toEqual(['a', 'b']);
  });

  it.each([
    { what: 'a function', config: { type: 'bar', format: () => 'x' } },
    { what: 'an infinite number', config: { type: 'bar', data: [Infinity] } },
  ])('when a configuration holds $what, then it is never kept', async ({ config }) => {
    const cache = new ChartImageCache();
    const { drawn, draw } = drawer();
    await cache.get(config, draw('a'));
    await cache.get(config, draw('a'));
    expect(drawn).toEqual(['a', 'a']);
  });

  it('when more charts are drawn than it keeps, then the least recently used is dropped first', async () => {
    const cache = new ChartImageCache(2);
    const { drawn, draw } = drawer();
    await cache.get('a', draw('a'));
    await cache.get('b', draw('b'));
    await cache.get('a', draw('a')); // a is now the most recent
    await cache.get('c', draw('c')); // drops b
    await cache.get('a', draw('a'));
    await cache.get('b', draw('b'));
    expect(drawn).toEqual(['a', 'b', 'c', 'b']);
  });
});
