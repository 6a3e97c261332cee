import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { EmailSchema } from '../../src/domain/accounts.js';
import { ProbeSchema, ScenarioSchema, TrialSchema, VendorSchema } from '../../src/domain/schemas.js';
import {
  cutText,
  multiLineText,
  printableText,
  singleLineText,
  TEXT_MESSAGES,
} from '../../src/domain/text.js';
import { buildProbe, buildTrial, buildVendor, events } from '../factories.js';

const single = singleLineText(200);
const multi = multiLineText(200);

const messagesOf = (result: z.ZodSafeParseResult<unknown>) =>
  result.success ? [] : result.error.issues.map((issue) => issue.message);

describe('the text rules', () => {
  it.each([
    // label, text, one-line verdict, multi-line verdict
    ['NUL', 'a\u0000b', 'control', 'control'],
    ['U+0001', 'a\u0001b', 'control', 'control'],
    ['U+001F, the last C0 control', 'a\u001Fb', 'control', 'control'],
    ['U+007F (DEL)', 'a\u007Fb', 'control', 'control'],
    ['vertical tab', 'a\u000Bb', 'control', 'control'],
    ['form feed', 'a\u000Cb', 'control', 'control'],
    ['escape', 'a\u001B[31mb', 'control', 'control'],
    ['tab', 'a\tb', 'control', 'ok'],
    ['line feed', 'a\nb', 'control', 'ok'],
    ['carriage return and line feed', 'a\r\nb', 'control', 'ok'],
    ['space, the first character after the C0 block', 'a b', 'ok', 'ok'],
    ['tilde, the last one before DEL', 'a~b', 'ok', 'ok'],
    ['U+0080, a C1 control (outside the rule)', 'a\u0080b', 'ok', 'ok'],
    ['a lone high surrogate', 'a\uD800b', 'surrogate', 'surrogate'],
    ['a lone high surrogate at the end', 'ab\uDBFF', 'surrogate', 'surrogate'],
    ['a lone low surrogate', 'a\uDC00b', 'surrogate', 'surrogate'],
    ['a lone low surrogate at the start', '\uDFFFab', 'surrogate', 'surrogate'],
    ['a pair the wrong way round', 'a\uDE00\uD83Db', 'surrogate', 'surrogate'],
    ['an emoji (a valid surrogate pair)', 'good 😀 support', 'ok', 'ok'],
    ['a character outside the BMP', '𠜎𠜱', 'ok', 'ok'],
    ['Chinese', '声浪云 实时音视频', 'ok', 'ok'],
    [
      'bidi overrides and isolates',
      'a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069',
      'ok',
      'ok',
    ],
    ['Arabic with an embedding', '\u202Bمرحبا\u202C', 'ok', 'ok'],
  ] as const)(
    'when the text holds %s, then one-line: %s, multi-line: %s',
    (_label, text, oneLine, multiLine) => {
      const expected = { ok: [], control: null, surrogate: [TEXT_MESSAGES.surrogates] } as const;
      expect(messagesOf(single.safeParse(text))).toEqual(expected[oneLine] ?? [TEXT_MESSAGES.singleLine]);
      expect(messagesOf(multi.safeParse(text))).toEqual(expected[multiLine] ?? [TEXT_MESSAGES.multiLine]);
    },
  );

  it('when a text breaks both rules, then both are named, each once', () => {
    expect(messagesOf(single.safeParse('a\u0000\u0001\uD800'))).toEqual([
      TEXT_MESSAGES.singleLine,
      TEXT_MESSAGES.surrogates,
    ]);
  });

  it('when a text is too long and holds a NUL, then both problems are reported', () => {
    expect(messagesOf(single.safeParse(`\u0000${'x'.repeat(200)}`))).toHaveLength(2);
  });
});

const vendor = buildVendor({
  product: 'Voice SDK',
  contact: 'support@nimbus.example',
  notes: 'Slow on weekends.',
  supportPlan: { name: 'Gold', currency: 'CNY' },
  sla: {
    source: { document: 'SLA.pdf', version: 'v2' },
    escalationPath: [{ level: 'L2', contact: 'duty manager' }],
    serviceCredits: { offered: true, terms: '10% per breach' },
    quotes: [{ ref: '§3.1', text: 'P0 within 15 minutes' }],
  },
});
const probe = buildProbe({
  description: 'All users fail to push.',
  vendorRef: 'T-1',
  events: events(['2026-11-20T10:30:00+08:00', 'ack', { note: 'on it' }]),
});
const scenario = ScenarioSchema.parse({
  id: 'scenario_1',
  trialId: 'trial',
  title: 'Echo on Bluetooth headsets',
  description: 'Both sides hear themselves.',
  severity: 'P1',
  category: 'av-quality',
  difficulty: 'hard',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});
const trial = buildTrial({ description: 'Selection for Q4.' });

type Path = readonly (string | number)[];

/** A copy of `record` with `text` put at `path`. */
function withText(record: unknown, path: Path, text: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return text;
  const copy = (Array.isArray(record) ? [...(record as unknown[])] : { ...(record as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = withText(copy[head], rest, text);
  return copy;
}

/** Every free-text field of the stored shapes: the schema, a valid record, where the text goes, and its kind. */
const TEXT_FIELDS: [string, z.ZodType, unknown, Path, 'one line' | 'multi-line'][] = [
  ['trial', TrialSchema, trial, ['name'], 'one line'],
  ['trial', TrialSchema, trial, ['description'], 'multi-line'],
  ['vendor', VendorSchema, vendor, ['name'], 'one line'],
  ['vendor', VendorSchema, vendor, ['product'], 'one line'],
  ['vendor', VendorSchema, vendor, ['contact'], 'one line'],
  ['vendor', VendorSchema, vendor, ['notes'], 'multi-line'],
  ['vendor', VendorSchema, vendor, ['supportPlan', 'name'], 'one line'],
  ['vendor', VendorSchema, vendor, ['supportPlan', 'currency'], 'one line'],
  ['vendor', VendorSchema, vendor, ['sla', 'source', 'document'], 'one line'],
  ['vendor', VendorSchema, vendor, ['sla', 'source', 'version'], 'one line'],
  ['vendor', VendorSchema, vendor, ['sla', 'escalationPath', 0, 'level'], 'one line'],
  ['vendor', VendorSchema, vendor, ['sla', 'escalationPath', 0, 'contact'], 'one line'],
  ['vendor', VendorSchema, vendor, ['sla', 'serviceCredits', 'terms'], 'multi-line'],
  ['vendor', VendorSchema, vendor, ['sla', 'quotes', 0, 'ref'], 'one line'],
  ['vendor', VendorSchema, vendor, ['sla', 'quotes', 0, 'text'], 'multi-line'],
  ['probe', ProbeSchema, probe, ['title'], 'one line'],
  ['probe', ProbeSchema, probe, ['description'], 'multi-line'],
  ['probe', ProbeSchema, probe, ['vendorRef'], 'one line'],
  ['probe', ProbeSchema, probe, ['events', 0, 'note'], 'multi-line'],
  ['probe', ProbeSchema, probe, ['id'], 'one line'],
  ['scenario', ScenarioSchema, scenario, ['title'], 'one line'],
  ['scenario', ScenarioSchema, scenario, ['description'], 'multi-line'],
];

describe('every text field of the stored shapes', () => {
  it.each(
    TEXT_FIELDS.map(
      ([entity, schema, record, path, kind]) =>
        [`${entity}.${path.join('.')}`, kind, schema, record, path] as const,
    ),
  )(
    'when %s (%s) holds a NUL or a lone surrogate, then it is refused at that path',
    (_name, _kind, schema, record, path) => {
      for (const text of ['Nimbus\u0000RTC', 'Nimbus\uD83DRTC']) {
        const result = schema.safeParse(withText(record, path, text));
        expect(result.success).toBe(false);
        expect(result.error?.issues.map((issue) => issue.path)).toEqual([path]);
      }
    },
  );

  it.each(
    TEXT_FIELDS.map(
      ([entity, schema, record, path, kind]) =>
        [`${entity}.${path.join('.')}`, kind, schema, record, path] as const,
    ),
  )(
    'when %s (%s) holds a line break, then only a multi-line field takes it; bidi, CJK and emoji pass everywhere',
    (_name, kind, schema, record, path) => {
      expect(schema.safeParse(withText(record, path, 'first\nsecond')).success).toBe(kind === 'multi-line');
      expect(schema.safeParse(withText(record, path, '\u202E声浪云 😀\u202C')).success).toBe(true);
    },
  );

  it.each([
    ['a NUL', 'ops\u0000@nimbus.example', TEXT_MESSAGES.singleLine],
    ['a lone surrogate', 'ops\uD800@nimbus.example', TEXT_MESSAGES.surrogates],
  ])('when an e-mail holds %s, then the message names that problem', (_label, email, message) => {
    expect(messagesOf(EmailSchema.safeParse(email))).toEqual([message]);
  });
});

describe('printable text, for drawing whatever got stored', () => {
  it.each([
    ['plain text', 'NimbusRTC 声浪云 😀', {}, 'NimbusRTC 声浪云 😀'],
    ['a NUL', 'a\u0000b', {}, 'a\uFFFDb'],
    ['DEL and U+001F', 'a\u007Fb\u001Fc', {}, 'a\uFFFDb\uFFFDc'],
    ['a lone high surrogate', 'a\uD800b', {}, 'a\uFFFDb'],
    ['a lone low surrogate at the end', 'ab\uDC00', {}, 'ab\uFFFD'],
    ['an emoji', 'a😀b', {}, 'a😀b'],
    ['bidi overrides', 'a\u202Eb\u2066c', {}, 'a\u202Eb\u2066c'],
    ['line breaks and a tab on one line', 'a\nb\r\nc\rd\te', {}, 'a b c d e'],
    ['line breaks kept', 'a\nb\r\nc\rd\te', { lineBreaks: true }, 'a\nb\nc\nd e'],
    ['a NUL where line breaks are kept', 'a\u0000\nb', { lineBreaks: true }, 'a\uFFFD\nb'],
  ] as const)('when the text holds %s, then it is drawn as expected', (_label, text, options, expected) => {
    expect(printableText(text, options)).toBe(expected);
  });
});

describe('text cut short (the audit log, the digest)', () => {
  it.each([
    ['shorter than the limit', 'abc', 5, 'abc'],
    ['exactly the limit', 'abcde', 5, 'abcde'],
    ['one past the limit', 'abcdef', 5, 'abcde'],
    ['an emoji that would be split', 'abcd😀', 5, 'abcd'],
    ['an emoji that ends at the limit', 'abc😀d', 5, 'abc😀'],
    ['Chinese, one unit a character', '音视频选型测试', 4, '音视频选'],
  ] as const)('when the text is %s, then the cut keeps whole characters', (_label, text, max, expected) => {
    expect(cutText(text, max)).toBe(expected);
  });

  it('when any text is cut at any length, then it is a prefix within the limit that is valid Unicode whenever the text was', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.integer({ min: 1, max: 60 }),
        (text, max) => {
          const cut = cutText(text, max);
          expect(text.startsWith(cut)).toBe(true);
          expect(cut.length).toBeLessThanOrEqual(max);
          expect(cut.length).toBeGreaterThanOrEqual(Math.min(text.length, max) - 1);
          expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        },
      ),
    );
  });
});
