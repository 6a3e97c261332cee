import { describe, expect, it } from 'vitest';
import { MeasureCache } from '../../src/reports/pdf/measureCache.js';

/** A cache and a measuring function that counts its calls (the text's length as its size). */
function counted() {
  const cache = new MeasureCache();
  const calls: string[] = [];
  const measure = (text: string) => () => {
    calls.push(text);
    return text.length;
  };
  return { cache, calls, measure };
}

describe('MeasureCache', () => {
  it.each([
    { what: 'the same text in the same font and size', key: 'regular|8', width: 100, measured: 1 },
    { what: 'the same text in another font or size', key: 'bold|8', width: 100, measured: 2 },
    { what: 'the same text wrapped at another width', key: 'regular|8', width: 90, measured: 2 },
  ])('when $what is asked again, then it is measured $measured time(s)', ({ key, width, measured }) => {
    const { cache, calls, measure } = counted();
    const text = ['Probe', 12, 'first response'].join(' ');

    expect(cache.height('regular|8', text, 100, measure(text))).toBe(text.length);
    // Equal text in another string: what counts is the text, not the string object.
    expect(cache.height(key, 'Probe 12 first response', width, measure(text))).toBe(text.length);

    expect(calls).toHaveLength(measured);
  });

  it('when a width and a height of one text are asked, then each is measured and kept apart', () => {
    const { cache, calls, measure } = counted();

    cache.width('regular|8', 'abc', () => 30);
    cache.height('regular|8', 'abc', 30, measure('abc'));

    expect(cache.width('regular|8', 'abc', measure('abc'))).toBe(30);
    expect(cache.height('regular|8', 'abc', 30, measure('abc'))).toBe(3);
    expect(calls).toEqual(['abc']);
  });

  it('when more texts are measured than it keeps, then it starts afresh and still answers every one', () => {
    const { cache, calls, measure } = counted();
    const texts = Array.from({ length: 20_001 }, (_, index) => `text ${index}`);

    for (const text of texts) expect(cache.width('regular|8', text, measure(text))).toBe(text.length);
    calls.length = 0;
    const [first] = texts;
    if (first === undefined) throw new Error('no texts');
    cache.width('regular|8', first, measure(first));

    expect(calls).toEqual([first]);
  });
});
