import { describe, expect, it } from 'vitest';
import { replyText, safeFileName, threadSubject, ticketNumber } from '../../../src/app/imports/mailText.js';

describe('threadSubject', () => {
  it.each([
    ['Re: Push fails', 'push fails'],
    ['RE: re: Fwd: FW: Push fails', 'push fails'],
    ['回复：转发：推流失败', '推流失败'],
    ['回复: 答复:推流失败', '推流失败'],
    ['转发： RE：推流失败', '推流失败'],
    ['Push  fails', 'push fails'],
    ['Regression in push', 'regression in push'],
  ])('when the subject is %s, then the thread subject is %s', (subject, expected) => {
    expect(threadSubject(subject)).toBe(expected);
  });
});

describe('ticketNumber', () => {
  it.each([
    ['Push fails #12345', '12345'],
    ['[Ticket 12345] Push fails', '12345'],
    ['[Ticket #12345] Push fails', '12345'],
    ['推流失败 工单号：12345', '12345'],
    ['推流失败 工单号12345', '12345'],
    ['Case: 778899', '778899'],
    ['Push fails on 4.2', undefined],
    ['Issue #12', undefined],
  ])('when the subject is %s, then the ticket is %s', (subject, expected) => {
    expect(ticketNumber(subject)).toBe(expected);
  });
});

describe('replyText', () => {
  it.each([
    ['Thanks.\n\nOn Fri, 20 Nov 2026, Han <han@ours.example> wrote:\n> old', 'Thanks.'],
    ['Thanks.\nOn Fri, 20 Nov 2026, Han Meimei\n<han@ours.example> wrote:\n> old', 'Thanks.'],
    ['Fixed.\n-----Original Message-----\nFrom: Han', 'Fixed.'],
    ['已修复。\n\n发件人: han@ours.example\n发送时间: 2026-11-20', '已修复。'],
    ['New\n> quoted\nMore', 'New\nMore'],
  ])('when the body is %j, then the reply is %j', (body, expected) => {
    expect(replyText(body)).toBe(expected);
  });

  it('when the reply is long, then it is cut to the limit', () => {
    expect(replyText('x'.repeat(600))).toHaveLength(500);
  });
});

describe('safeFileName', () => {
  it('when a Message-ID holds separators, then the file name does not', () => {
    expect(safeFileName('../a/b\\c@host')).toBe('.._a_b_c@host.eml');
  });
});
