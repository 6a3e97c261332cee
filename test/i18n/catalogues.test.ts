import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagesOf } from '../../src/i18n/index.js';
import { negotiateLocale } from '../../src/i18n/locale.js';
import { CATALOGUES } from '../../src/i18n/messages/index.js';

function filesUnder(folder: string, extension: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(extension))
    .map((file) => path.join(folder, file));
}

/** Keys passed to t('…') as plain literals in the views and the web layer's code. */
function literalKeysUsed(): Set<string> {
  const keys = new Set<string>();
  const sources = [...filesUnder('views', '.ejs'), ...filesUnder('src/http', '.ts')];
  for (const file of sources) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) {
      if (match[1]) keys.add(match[1]);
    }
  }
  return keys;
}

describe('message catalogues', () => {
  it.each(CATALOGUES.map((catalogue, index) => [index, catalogue] as const))(
    'when namespace %i is read, then English and Chinese have exactly the same keys',
    (_index, catalogue) => {
      expect(Object.keys(catalogue['zh-CN']).sort()).toEqual(Object.keys(catalogue.en).sort());
    },
  );

  it('when all namespaces are merged, then no key is defined twice', () => {
    const seen = new Map<string, number>();
    for (const catalogue of CATALOGUES) {
      for (const key of Object.keys(catalogue.en)) seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect([...seen].filter(([, count]) => count > 1).map(([key]) => key)).toEqual([]);
  });

  it('when a message is read in either language, then it is not empty', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const empty = Object.entries(messagesOf(locale)).filter(([, text]) => text.trim() === '');
      expect(empty.map(([key]) => key)).toEqual([]);
    }
  });

  it('when a page names a message key (or a key prefix such as "status."), then both catalogues have it', () => {
    const has = (messages: Record<string, string>, key: string) =>
      key.endsWith('.') ? Object.keys(messages).some((known) => known.startsWith(key)) : key in messages;
    const missing = [...literalKeysUsed()].filter(
      (key) => !has(messagesOf('en'), key) || !has(messagesOf('zh-CN'), key),
    );
    expect(missing).toEqual([]);
  });

  it('when the Chinese catalogue is read, then its messages are actually Chinese where English has words', () => {
    const en = messagesOf('en');
    const zh = messagesOf('zh-CN');
    const untranslated = Object.keys(en).filter(
      (key) =>
        /[a-z]{4,}/i.test((en[key] ?? '').replace(/\{\w+\}/g, '')) &&
        zh[key] === en[key] &&
        !/^(lang\.|empty\.)/.test(key),
    );
    expect(untranslated).toEqual([]);
  });
});

describe('negotiateLocale', () => {
  it.each([
    [undefined, undefined, 'en'],
    [undefined, 'zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    [undefined, 'zh-TW', 'zh-CN'],
    [undefined, 'en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    [undefined, 'fr-FR,zh;q=0.5', 'zh-CN'],
    [undefined, 'de-DE', 'en'],
    [undefined, 'en;q=0.1,zh;q=0.9', 'zh-CN'],
    ['en', 'zh-CN', 'en'],
    ['zh-CN', 'en', 'zh-CN'],
    ['xx', 'zh-CN', 'zh-CN'],
  ] as const)(
    'when the cookie is %s and Accept-Language is %s, then the locale is %s',
    (cookie, header, locale) => {
      expect(negotiateLocale(cookie, header)).toBe(locale);
    },
  );
});

describe('views', () => {
  const views = filesUnder('views', '.ejs');

  it.each(views)('when %s is read, then no visible text is written outside the catalogues', (file) => {
    const source = readFileSync(file, 'utf8');
    const visible = source
      .replace(/<%[\s\S]*?%>/g, ' ')
      .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&[#\w]+;/g, ' ');
    expect(visible.match(/[A-Za-z\u4e00-\u9fff]{2,}/g) ?? []).toEqual([]);
    const literalAttributes = source.match(
      /\b(title|aria-label|placeholder|alt)="[^"<]*[A-Za-z\u4e00-\u9fff]{2,}[^"]*"/g,
    );
    expect(literalAttributes ?? []).toEqual([]);
  });

  it.each(views)('when %s is read, then it has no inline script code or inline event handler', (file) => {
    const source = readFileSync(file, 'utf8').replace(/<%[\s\S]*?%>/g, 'x');
    const inlineScripts = [...source.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
      ([, attributes = '', body = '']) => !/type="application\/json"/.test(attributes) && body.trim() !== '',
    );
    expect(inlineScripts.map(([whole]) => whole)).toEqual([]);
    expect(source.match(/\son[a-z]+\s*=/gi) ?? []).toEqual([]);
  });
});
