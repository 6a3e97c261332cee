import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { choiceByHeader } from '../../src/http/headerChoice.js';

/** Enough of a request for a header to be read by name, as Express's `req.get` does. */
const withHeader = (value: string | undefined) =>
  ({ get: (name: string) => (name === 'accept-language' ? value : undefined) }) as unknown as Request;

describe('choiceByHeader', () => {
  it('when the same header value comes again, then the choice is not made again; another value is chosen anew', () => {
    const seen: (string | undefined)[] = [];
    const choose = choiceByHeader('accept-language', (req) => {
      seen.push(req.get('accept-language'));
      return req.get('accept-language')?.startsWith('zh') ? 'zh-CN' : 'en';
    });

    expect([
      choose(withHeader('zh-CN,zh')),
      choose(withHeader('zh-CN,zh')),
      choose(withHeader('en-US')),
    ]).toEqual(['zh-CN', 'zh-CN', 'en']);
    expect(seen).toEqual(['zh-CN,zh', 'en-US']);
  });

  it('when more distinct values come than it keeps, then each new one is still chosen right but not kept', () => {
    let choices = 0;
    const choose = choiceByHeader(
      'accept-language',
      (req) => {
        choices += 1;
        return req.get('accept-language') ?? '';
      },
      2,
    );

    for (const value of ['a', 'b', 'c', 'c', 'a']) expect(choose(withHeader(value))).toBe(value);
    expect(choices).toBe(4);
  });
});
