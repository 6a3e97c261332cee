import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposeFromChat } from '../../../src/app/imports/chat.js';
import type { ImportContext } from '../../../src/domain/imports.js';
import { ImportItemSchema } from '../../../src/domain/imports.js';
import { buildTrial, buildVendor } from '../../factories.js';
import type { ImportProblem } from '../../../src/domain/imports.js';
import { englishProblem } from '../../../src/i18n/importProblems.js';

/** Problems in the English words the API answers. */
const texts = (problems: readonly ImportProblem[] | undefined) => (problems ?? []).map(englishProblem);

function chatContext(importedKeys: string[] = []): ImportContext {
  return {
    trial: buildTrial({ timezone: 'Asia/Shanghai' }),
    vendors: [
      buildVendor({ id: 'v_rtc', name: 'RTC', chatNames: ['李雷', 'Li Lei', '客服小王'] }),
      buildVendor({ id: 'v_other', name: 'Other', chatNames: ['客服小王', 'Zhang'] }),
    ],
    probes: [],
    importedKeys: new Set(importedKeys),
    now: new Date('2026-11-21T04:00:00Z'), // 12:00 in Shanghai
  };
}

const summary = (text: string, options?: { vendorId?: string; file?: string }) =>
  proposeFromChat(text, chatContext(), options).items.map((item) => [
    item.from,
    item.at,
    item.actor,
    item.kind,
    item.text,
  ]);

describe('proposeFromChat', () => {
  it.each([
    [
      'WeCom (zh)',
      '李雷  2026-11-20 10:15\n您好，请提供日志\n\n韩梅梅  2026-11-20 10:20\n附件是日志\n',
      [
        ['李雷', '2026-11-20T02:15:00.000Z', 'vendor', 'info_request', '您好，请提供日志'],
        ['韩梅梅', '2026-11-20T02:20:00.000Z', undefined, undefined, '附件是日志'],
      ],
    ],
    [
      'Feishu (zh, Chinese dates, a bare time continuing the day)',
      '李雷 2026年11月20日 10:15\n已升级到研发\n\n李雷 10:40\n根因是证书过期\n',
      [
        ['李雷', '2026-11-20T02:15:00.000Z', 'vendor', 'escalation', '已升级到研发'],
        ['李雷', '2026-11-20T02:40:00.000Z', 'vendor', 'root_cause', '根因是证书过期'],
      ],
    ],
    [
      'DingTalk (zh, slashes and seconds, a short date)',
      '客服小王 2026/11/20 10:15:30\n请重启一下\n客服小王 11-20 11:00\n已修复\n',
      [
        ['客服小王', '2026-11-20T02:15:30.000Z', 'vendor', 'troubleshooting', '请重启一下'],
        ['客服小王', '2026-11-20T03:00:00.000Z', 'vendor', 'fix', '已修复'],
      ],
    ],
    [
      'Slack web copy (en, a date divider and 12-hour times)',
      'Friday, November 20th\nLi Lei  10:15 AM\nCould you send the logs?\nline two\n\nLi Lei  2:05 PM\nWe released a fix\n',
      [
        [
          'Li Lei',
          '2026-11-20T02:15:00.000Z',
          'vendor',
          'info_request',
          'Could you send the logs?\nline two',
        ],
        ['Li Lei', '2026-11-20T06:05:00.000Z', 'vendor', 'fix', 'We released a fix'],
      ],
    ],
    [
      'Slack export (en, [time] name: text)',
      '[2026-11-20 10:15] Li Lei: We are investigating\n[2026-11-20 10:30] Han: Here are the logs\nmore detail\n',
      [
        ['Li Lei', '2026-11-20T02:15:00.000Z', 'vendor', 'diagnosis', 'We are investigating'],
        ['Han', '2026-11-20T02:30:00.000Z', undefined, undefined, 'Here are the logs\nmore detail'],
      ],
    ],
    [
      'WeCom (en names and text)',
      'Li Lei 2026-11-20 10:15\nWorkaround: disable hardware encoding\n',
      [
        [
          'Li Lei',
          '2026-11-20T02:15:00.000Z',
          'vendor',
          'workaround',
          'Workaround: disable hardware encoding',
        ],
      ],
    ],
  ])(
    'when a %s transcript is pasted, then each message is an event in the trial zone',
    (_format, text, expected) => {
      expect(summary(text, { vendorId: 'v_rtc' })).toEqual(expected);
    },
  );

  it('when a message is proposed, then it carries its key, line and source, and fits the preview schema', () => {
    const { items, problems } = proposeFromChat('李雷  2026-11-20 10:15\n已收到', chatContext(), {
      file: 'paste',
      vendorId: 'v_rtc',
    });
    expect(problems).toEqual([]);
    expect(items[0]).toMatchObject({
      type: 'event',
      vendorId: 'v_rtc',
      trigger: '已收到',
      source: { file: 'paste', line: 1 },
      problems: [],
    });
    expect(items[0]?.key).toMatch(/^chat:[0-9a-f]{64}$/);
    expect(items[0]?.importKey).toBe(items[0]?.key);
    expect(ImportItemSchema.safeParse(items[0]).success).toBe(true);
  });

  it('when the same transcript is pasted again after an import, then nothing is proposed again', () => {
    const text = '李雷  2026-11-20 10:15\n已收到\n李雷  2026-11-20 10:15\n已收到';
    const first = proposeFromChat(text, chatContext(), { vendorId: 'v_rtc' });
    expect(first.items).toHaveLength(1);
    const again = proposeFromChat(text, chatContext(first.items.map((item) => item.key)), {
      vendorId: 'v_rtc',
    });
    expect(again.items).toEqual([]);
  });

  it('when a name belongs to two vendors, then the chat vendor settles it, and without one it is asked', () => {
    const text = '客服小王 2026-11-20 10:15\n已收到';
    expect(proposeFromChat(text, chatContext(), { vendorId: 'v_other' }).items[0]).toMatchObject({
      vendorId: 'v_other',
      actor: 'vendor',
    });
    expect(texts(proposeFromChat(text, chatContext()).items[0]?.problems)).toEqual([
      '“客服小王” is a chat name of several vendors: choose the vendor',
    ]);
  });

  it('when a name is unknown, then the preview asks who it is', () => {
    const [item] = proposeFromChat('韩梅梅  2026-11-20 10:20\n请升级', chatContext()).items;
    expect(texts(item?.problems)).toEqual(['unknown name “韩梅梅”: choose the vendor or mark as ours']);
    expect(item?.actor).toBeUndefined();
  });

  it('when times are relative or lack a date, then they are read and flagged', () => {
    const { items } = proposeFromChat(
      '李雷 昨天 10:15\n已收到\n\nLi Lei  下午 3:00\n已修复\n',
      chatContext(),
    );
    expect(items.map((item) => [item.at, texts(item.problems)])).toEqual([
      ['2026-11-20T02:15:00.000Z', ['a relative day was read as 2026-11-20: check the date']],
      ['2026-11-20T07:00:00.000Z', []],
    ]);
    const ancient = proposeFromChat('李雷 1999-11-20 10:15\n已收到', chatContext()).items[0];
    expect(ancient?.at).toBeUndefined();
    expect(texts(ancient?.problems)).toEqual(['the year 1999 cannot be right: set the date']);
    const undated = proposeFromChat('Li Lei  10:15\nReceived', chatContext()).items[0];
    expect(undated?.at).toBeUndefined();
    expect(texts(undated?.problems)).toEqual(['the time 10:15 has no date: set the date']);
  });

  it('when a sentence ends in a time inside a message, then it stays text', () => {
    expect(summary('李雷  2026-11-20 10:15\n我们约在\n明天 10:30\nsee you at 10:30\n')).toEqual([
      ['李雷', '2026-11-20T02:15:00.000Z', 'vendor', undefined, '我们约在\n明天 10:30\nsee you at 10:30'],
    ]);
  });

  it('when nothing parses, then the file has a problem; stray text before the first header is a line problem', () => {
    expect(texts(proposeFromChat('hello\nworld', chatContext(), { file: 'paste' }).problems)).toEqual([
      'no chat message found (a line with a name and a time, or “[time] name: text”)',
      'lines 1–2: no name and time before this text; skipped',
    ]);
    const partial = proposeFromChat('garbage\n\u0000\u0001\n\n李雷  2026-11-20 10:15\n已收到', chatContext());
    expect(texts(partial.problems)).toEqual(['lines 1–2: no name and time before this text; skipped']);
    expect(partial.items).toHaveLength(1);
  });
});

describe('proposeFromChat on any text', () => {
  it('when any text is pasted, then the proposal is well-formed and nothing throws', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '李雷  2026-11-20 10:15',
        'Li Lei  10:15 AM',
        '[10:15] Han: hi',
        '昨天 25:99',
        '\n',
        '\n\n',
        '11-31 10:00',
        'Friday, November 20th',
      ),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const proposal = proposeFromChat(pieces.join('\n'), chatContext(), { vendorId: 'v_rtc' });
        for (const item of proposal.items) expect(ImportItemSchema.safeParse(item).success).toBe(true);
        expect(new Set(proposal.items.map((item) => item.key)).size).toBe(proposal.items.length);
      }),
    );
  });
});

describe('proposeFromChat with our own chat names', () => {
  const teamContext = (teamChatNames: string[]): ImportContext => {
    const context = chatContext();
    return { ...context, trial: { ...context.trial, teamChatNames } };
  };
  const propose = (text: string, teamChatNames: string[]) =>
    proposeFromChat(text, teamContext(teamChatNames), { vendorId: 'v_rtc' }).items.map((item) => [
      item.from,
      item.actor,
      item.kind,
      texts(item.problems),
    ]);

  it.each<[string, string, string[], unknown[][]]>([
    [
      'a name of ours asks for an escalation',
      '韩梅梅  2026-11-20 10:15\n请升级到二线',
      ['韩梅梅'],
      [['韩梅梅', 'buyer', 'escalation_request', []]],
    ],
    [
      'a name of ours, written with other case and spacing, sends logs',
      'han  meimei  2026-11-20 10:15\nhere are the logs',
      ['Han Meimei'],
      [['han  meimei', 'buyer', 'info_provided', []]],
    ],
    [
      'a name of ours says nothing the rules know',
      '韩梅梅  2026-11-20 10:15\n好的',
      ['韩梅梅'],
      [['韩梅梅', 'buyer', 'note', []]],
    ],
    [
      'a name is ours and a vendor’s',
      '李雷  2026-11-20 10:15\n已收到',
      ['李雷'],
      [['李雷', undefined, undefined, ['“李雷” is a chat name of ours and of a vendor: choose the side']]],
    ],
    [
      'a name is known to nobody',
      '王五  2026-11-20 10:15\n已收到',
      ['韩梅梅'],
      [['王五', undefined, undefined, ['unknown name “王五”: choose the vendor or mark as ours']]],
    ],
  ])('when %s, then the side and kind follow', (_, text, names, expected) => {
    expect(propose(text, names)).toEqual(expected);
  });
});
