import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messagesOf, translator, type Params } from '../../src/i18n/index.js';

/** How placeholders were filled before templates were cut once: the reference. */
function filledByRegex(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

describe('the translator', () => {
  const t = translator('en');

  it.each([
    ['admin.users.count', { count: 1 }, '1 account'],
    [
      'admin.users.count',
      { count: 3 },
      filledByRegex(messagesOf('en')['admin.users.count'] ?? '', { count: 3 }),
    ],
    ['no.such.key', { count: 2 }, 'no.such.key'],
    ['no.such.key', undefined, 'no.such.key'],
  ] as const)('when asked for %s with %o, then it reads %s', (key, params, expected) => {
    expect(t(key, params)).toBe(expected);
  });

  it('when the message has placeholders, then each is filled and one without its param stays as written', () => {
    const zh = translator('zh-CN');
    const key = 'admin.users.count';
    const template = messagesOf('zh-CN')[key] ?? '';
    expect(template).toContain('{count}');
    expect(zh(key, { count: 12 })).toBe(template.replace('{count}', '12'));
    expect(zh(key, { other: 'x' })).toBe(template);
  });

  it('when any message and params are given, then the text is what the regex fill gives', () => {
    const piece = fc.constantFrom(
      '{a}',
      '{b}',
      '{a_1}',
      '{}',
      '{ a}',
      '{',
      '}',
      'x',
      ' ',
      '中',
      '{{b}}',
      '{c}',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('')),
        fc.record(
          { a: fc.oneof(fc.string(), fc.integer()), b: fc.string(), a_1: fc.double() },
          { requiredKeys: [] },
        ),
        (template, params) => {
          // A key that is missing shows itself, so the key is the template.
          expect(t(template, params as Params)).toBe(filledByRegex(template, params as Params));
        },
      ),
    );
  });
});
