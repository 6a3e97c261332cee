import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatScore, keptNumberFormat } from '../../src/i18n/format.js';
import { LOCALES } from '../../src/i18n/index.js';

const OPTIONS = { minimumFractionDigits: 1, maximumFractionDigits: 1 };

describe('number formats kept by value', () => {
  it.each(LOCALES)(
    'when any number is formatted (%s), over and over, then the text is what Intl writes for it',
    (locale) => {
      const kept = keptNumberFormat(locale, OPTIONS);
      const intl = new Intl.NumberFormat(locale, OPTIONS);
      fc.assert(
        fc.property(fc.array(fc.double(), { minLength: 1, maxLength: 50 }), (values) => {
          // Each value twice: the second time it is the kept text.
          for (const value of [...values, ...values]) expect(kept(value)).toBe(intl.format(value));
        }),
      );
    },
  );

  it('when negative zero follows zero (a Map takes them for one key), then each keeps its own sign', () => {
    const kept = keptNumberFormat('en', OPTIONS);
    expect(kept(0)).toBe('0.0');
    expect(kept(-0)).toBe('-0.0');
    expect(kept(0)).toBe('0.0');
  });

  it('when more values than it keeps are formatted, then it starts afresh and every text stays right', () => {
    const kept = keptNumberFormat('zh-CN', OPTIONS);
    const intl = new Intl.NumberFormat('zh-CN', OPTIONS);
    for (let value = 0; value < 25_000; value += 1.25) expect(kept(value)).toBe(intl.format(value));
    expect(kept(12_345.6)).toBe(intl.format(12_345.6));
  });

  it('when a score is shown, then it has one decimal in both languages and a dash for none', () => {
    expect(formatScore(83.333, 'en')).toBe('83.3');
    expect(formatScore(100, 'zh-CN')).toBe('100.0');
    expect(formatScore(null, 'en')).toBe('—');
  });
});
