import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposeFromMail } from '../../../src/app/imports/mail.js';
import { ImportItemSchema, type ImportItem } from '../../../src/domain/imports.js';
import { buildProbe, events } from '../../factories.js';
import { composeMail, mailContext, mbox, thread, VENDOR_ID } from './mailFixtures.js';
import type { ImportProblem } from '../../../src/domain/imports.js';
import { englishProblem } from '../../../src/i18n/importProblems.js';

/** Problems in the English words the API answers. */
const texts = (problems: readonly ImportProblem[] | undefined) => (problems ?? []).map(englishProblem);

const eml = (name: string, bytes: Buffer) => ({ name, bytes });
const probes = (items: ImportItem[]) => items.filter((item) => item.type === 'probe');
const eventItems = (items: ImportItem[]) => items.filter((item) => item.type === 'event');
const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

/** "推流失败 工单号：12345" and "您好，请提供日志和房间号。" in GBK; "推流失敗" and "您好，請提供日誌。" in Big5. */
const GBK_SUBJECT = 'cdc6c1f7caa7b0dc20b9a4b5a5bac5a3ba3132333435';
const GBK_BODY = 'c4fabac3a3acc7ebcce1b9a9c8d5d6bebacdb7bfbce4bac5a1a3';
const BIG5_SUBJECT = 'b1c0ac79a5a2b1d1';
const BIG5_BODY = 'b17aa66ea141bdd0b4a3a8d1a4e9bb78a143';

describe('proposeFromMail', () => {
  it('when a thread is our mail and the vendor replies by References, then one probe and one event per reply', async () => {
    const mails = await thread('Push stream fails [Ticket 12345]', [
      { id: 'r1@rtc.example', at: '2026-11-20T02:05:00Z', text: 'We have received your ticket.' },
      { id: 'r2@rtc.example', at: '2026-11-20T03:00:00Z', text: 'Could you send the SDK logs?' },
    ]);
    const proposal = await proposeFromMail(
      mails.map((mail, index) => eml(`${index}.eml`, mail)),
      mailContext(),
    );

    expect(texts(proposal.problems)).toEqual([]);
    expect(probes(proposal.items)).toEqual([
      expect.objectContaining({
        key: 'thread:open-1@ours.example',
        at: '2026-11-20T02:00:00.000Z',
        title: 'Push stream fails [Ticket 12345]',
        vendorId: VENDOR_ID,
        vendorRef: '12345',
        importKey: 'mail:open-1@ours.example',
        problems: [],
      }),
    ]);
    expect(eventItems(proposal.items)).toEqual([
      expect.objectContaining({
        key: 'mail:r1@rtc.example',
        probeKey: 'thread:open-1@ours.example',
        actor: 'vendor',
        kind: 'ack',
        trigger: 'received',
        at: '2026-11-20T02:05:00.000Z',
        importKey: 'mail:r1@rtc.example',
        from: '"Li Lei" <li@rtc.example>',
        source: { file: '1.eml', messageId: 'r1@rtc.example' },
        problems: [],
      }),
      expect.objectContaining({
        key: 'mail:r2@rtc.example',
        kind: 'info_request',
        trigger: 'Could you send',
      }),
    ]);
    for (const item of proposal.items) expect(ImportItemSchema.safeParse(item).success).toBe(true);
    expect(proposal.originals.get('mail:r1@rtc.example')?.name).toBe('r1@rtc.example.eml');
    expect(Buffer.from(proposal.originals.get('mail:r1@rtc.example')?.bytes ?? []).toString()).toContain(
      'We have received your ticket.',
    );
  });

  it('when a GBK mail comes in base64 with a =?GBK?B?…?= subject and sender, then it reads as Chinese', async () => {
    const mail = await composeMail({
      from: `=?GBK?B?${b64('c0eec0d7')}?= <li@rtc.example>`,
      to: 'han@ours.example',
      subject: `=?GBK?B?${b64(GBK_SUBJECT)}?=`,
      messageId: '<gbk@rtc.example>',
      alternatives: [{ content: Buffer.from(GBK_BODY, 'hex'), contentType: 'text/plain; charset=GBK' }],
    });
    const { items } = await proposeFromMail([eml('gbk.eml', mail)], mailContext());

    expect(probes(items)[0]).toMatchObject({ title: '推流失败 工单号：12345', vendorRef: '12345' });
    expect(eventItems(items)[0]).toMatchObject({
      text: '您好，请提供日志和房间号。',
      kind: 'info_request',
      trigger: '请提供',
      from: '"李雷" <li@rtc.example>',
      problems: [],
    });
  });

  it('when a Big5 mail comes in quoted-printable, then it reads as traditional Chinese', async () => {
    const mail = await composeMail({
      from: 'support@rtc.example',
      to: 'han@ours.example',
      subject: `=?Big5?B?${b64(BIG5_SUBJECT)}?=`,
      messageId: '<big5@rtc.example>',
      textEncoding: 'quoted-printable',
      alternatives: [{ content: Buffer.from(BIG5_BODY, 'hex'), contentType: 'text/plain; charset=Big5' }],
    });
    expect(mail.toString('latin1')).toMatch(/quoted-printable/i);
    const { items } = await proposeFromMail([eml('big5.eml', mail)], mailContext());

    expect(probes(items)[0]?.title).toBe('推流失敗');
    expect(eventItems(items)[0]).toMatchObject({
      text: '您好，請提供日誌。',
      kind: 'info_request',
      trigger: '請提供',
    });
  });

  it.each([
    [
      'GB2312 subject, GB18030 body',
      `=?GB2312?B?${b64('bcbccaf5d6a7b3d6')}?=`,
      '技术支持',
      'GB18030',
      'c7ebcce1b9a9c8d5d6be',
    ],
    [
      'UTF-8 Q subject, UTF-8 body',
      '=?UTF-8?Q?=E6=8E=A8=E6=B5=81=E5=A4=B1=E8=B4=A5?=',
      '推流失败',
      'UTF-8',
      'e8afb7e68f90e4be9be697a5e5bf97',
    ],
  ])('when a mail has a %s, then both read as Chinese', async (_case, subject, title, charset, body) => {
    const mail = await composeMail({
      from: 'li@rtc.example',
      to: 'han@ours.example',
      subject,
      messageId: `<${charset}@rtc.example>`,
      alternatives: [{ content: Buffer.from(body, 'hex'), contentType: `text/plain; charset=${charset}` }],
    });
    const { items } = await proposeFromMail([eml('c.eml', mail)], mailContext());
    expect(probes(items)[0]?.title).toBe(title);
    expect(eventItems(items)[0]).toMatchObject({ text: '请提供日志', kind: 'info_request', problems: [] });
  });

  it('when an Outlook reply is HTML only with the original quoted below, then the text is the reply alone', async () => {
    const [opening] = await thread('Audio drops', []);
    const reply = await composeMail({
      from: 'Li Lei <li@rtc.example>',
      to: 'han@ours.example',
      subject: 'RE: Audio drops',
      messageId: '<outlook@rtc.example>',
      inReplyTo: '<open-1@ours.example>',
      date: new Date('2026-11-20T04:00:00Z'),
      html:
        '<html><body><div><p>Hello,</p><p>We analysed the logs: 12% packet loss on the uplink.</p></div>' +
        '<div style="border-top:solid #E1E1E1 1pt"><p><b>From:</b> Han Meimei &lt;han@ours.example&gt;<br>' +
        '<b>Sent:</b> Friday, November 20, 2026 10:00 AM<br><b>Subject:</b> Audio drops</p></div>' +
        '<p>Push stream fails for all users in Shanghai. The root cause is unknown.</p></body></html>',
    });
    const { items } = await proposeFromMail(
      [eml('a.eml', opening ?? Buffer.alloc(0)), eml('b.eml', reply)],
      mailContext(),
    );

    const event = eventItems(items)[0];
    expect(event?.text).toContain('We analysed the logs: 12% packet loss on the uplink.');
    expect(event?.text).not.toContain('Push stream fails');
    expect(event).toMatchObject({
      kind: 'diagnosis',
      trigger: 'analysed the logs',
      probeKey: 'thread:open-1@ours.example',
    });
  });

  it('when a forwarded thread lost its headers (回复：/转发：), then the subject joins it, per vendor', async () => {
    const mails = await Promise.all([
      composeMail({
        from: 'han@ours.example',
        to: 'support@rtc.example',
        subject: '推流失败',
        text: '所有用户推流失败',
        messageId: '<a@ours.example>',
      }),
      composeMail({
        from: 'han@ours.example',
        to: 'help@other.example',
        subject: '推流失败',
        text: '所有用户推流失败',
        messageId: '<b@ours.example>',
      }),
      composeMail({
        from: 'li@rtc.example',
        to: 'han@ours.example',
        subject: '回复：转发：推流失败',
        text: '根因是证书过期。\n\n发件人: han@ours.example\n所有用户推流失败',
        messageId: '<c@rtc.example>',
        date: new Date('2026-11-20T05:00:00Z'),
      }),
      composeMail({
        from: 'wang@ours.example',
        to: 'li@rtc.example',
        subject: 'RE：答复: Fwd: 推流失败',
        text: '已解决，谢谢',
        messageId: '<d@ours.example>',
        date: new Date('2026-11-20T06:00:00Z'),
      }),
    ]);
    const { items } = await proposeFromMail(
      mails.map((mail, index) => eml(`${index}.eml`, mail)),
      mailContext(),
    );

    expect(probes(items).map((item) => [item.key, item.vendorId])).toEqual([
      ['thread:a@ours.example', VENDOR_ID],
      ['thread:b@ours.example', 'vendor_other'],
    ]);
    expect(eventItems(items).map((item) => [item.probeKey, item.actor, item.kind, item.text])).toEqual([
      ['thread:a@ours.example', 'vendor', 'root_cause', '根因是证书过期。'],
      ['thread:a@ours.example', 'buyer', 'confirmed_fixed', '已解决，谢谢'],
    ]);
  });

  it.each([
    [
      'Auto-Submitted: auto-replied',
      { 'Auto-Submitted': 'auto-replied' },
      'Your ticket',
      'Auto-Submitted: auto-replied',
    ],
    ['X-Autoreply', { 'X-Autoreply': 'yes' }, 'Your ticket', 'X-Autoreply'],
    ['Precedence: auto_reply', { Precedence: 'auto_reply' }, 'Your ticket', 'Precedence: auto_reply'],
    ['a 自动回复 subject', {}, '自动回复：您的工单已受理', '自动回复'],
    ['an "Automatic reply" subject', {}, 'Automatic reply: Push stream fails', 'Automatic reply'],
    ['a 自动答复 subject (Outlook in Chinese)', {}, '自动答复: 推流失败', '自动答复'],
  ])(
    'when a vendor auto-reply is marked by %s, then it is an auto_ack',
    async (_mark, headers, subject, trigger) => {
      const mail = await composeMail({
        from: 'noreply@rtc.example',
        to: 'han@ours.example',
        subject,
        headers,
        text: 'We will fix it soon.',
        messageId: '<auto@rtc.example>',
      });
      const { items } = await proposeFromMail([eml('auto.eml', mail)], mailContext());
      expect(eventItems(items)[0]).toMatchObject({ kind: 'auto_ack', trigger });
    },
  );

  it('when a help desk sends an answer as auto-generated, then the answer is read, not taken for an auto-reply', async () => {
    const mail = await composeMail({
      from: 'desk@rtc.example',
      to: 'han@ours.example',
      subject: '[Ticket 4242] updated',
      headers: { 'Auto-Submitted': 'auto-generated' },
      text: 'Li Lei commented: the root cause is an expired certificate.',
      messageId: '<desk@rtc.example>',
    });
    const { items } = await proposeFromMail([eml('desk.eml', mail)], mailContext());
    expect(eventItems(items)[0]).toMatchObject({ kind: 'root_cause', trigger: 'root cause' });
  });

  it('when the ticket number matches a probe of the same vendor, then the thread joins that probe', async () => {
    const existing = buildProbe({ vendorId: VENDOR_ID, vendorRef: '12345', sentAt: '2026-11-19T00:00:00Z' });
    const other = buildProbe({
      vendorId: 'vendor_other',
      vendorRef: '12345',
      sentAt: '2026-11-19T00:00:00Z',
    });
    const mails = await thread('工单号12345 推流失败', [
      { id: 'r1@rtc.example', at: '2026-11-20T02:05:00Z', text: '已修复' },
    ]);
    const { items } = await proposeFromMail(
      mails.map((mail, index) => eml(`${index}.eml`, mail)),
      mailContext({ probes: [other, existing] }),
    );

    expect(probes(items)).toEqual([expect.objectContaining({ probeId: existing.id, problems: [] })]);
    expect(eventItems(items)).toEqual([
      expect.objectContaining({ probeId: existing.id, kind: 'fix', key: 'mail:r1@rtc.example' }),
    ]);
    expect(eventItems(items)[0]?.probeKey).toBeUndefined();
  });

  it('when part of the thread was imported before, then only new messages are proposed, on the probe holding it', async () => {
    const earlier = buildProbe({
      vendorId: VENDOR_ID,
      sentAt: '2026-11-20T02:00:00Z',
      events: events(['2026-11-20T02:05:00Z', 'ack', { importKey: 'mail:r1@rtc.example' }]),
    });
    const mails = await thread('Push stream fails', [
      { id: 'r1@rtc.example', at: '2026-11-20T02:05:00Z', text: 'Received.' },
      { id: 'r2@rtc.example', at: '2026-11-21T02:05:00Z', text: 'The root cause is a DNS timeout.' },
    ]);
    const files = mails.map((mail, index) => eml(`${index}.eml`, mail));
    const context = mailContext({ probes: [earlier], importedKeys: ['mail:r1@rtc.example'] });

    const { items } = await proposeFromMail(files, context);
    expect(items.map((item) => [item.type, item.key, item.probeId])).toEqual([
      ['probe', 'thread:open-1@ours.example', earlier.id],
      ['event', 'mail:r2@rtc.example', earlier.id],
    ]);

    const again = await proposeFromMail(
      files,
      mailContext({ probes: [earlier], importedKeys: ['mail:r1@rtc.example', 'mail:r2@rtc.example'] }),
    );
    expect(again.items).toEqual([]);
  });

  it('when only our opening mail was imported before, then the probe it made is found by vendor, time and title', async () => {
    const earlier = buildProbe({
      vendorId: VENDOR_ID,
      title: 'Push stream fails',
      sentAt: '2026-11-20T02:00:00Z',
    });
    const mails = await thread('Push stream fails', [
      { id: 'r1@rtc.example', at: '2026-11-20T03:00:00Z', text: 'Received.' },
    ]);
    const { items } = await proposeFromMail(
      mails.map((mail, index) => eml(`${index}.eml`, mail)),
      mailContext({ probes: [earlier] }),
    );
    expect(items.map((item) => [item.type, item.probeId])).toEqual([
      ['probe', earlier.id],
      ['event', earlier.id],
    ]);
  });

  it('when the sender is of no known domain, then the event asks who it is', async () => {
    const mail = await composeMail({
      from: 'Stranger <x@elsewhere.example>',
      to: 'han@ours.example',
      subject: 'Hi',
      text: 'Hello',
      messageId: '<x@elsewhere.example>',
    });
    const { items } = await proposeFromMail([eml('x.eml', mail)], mailContext());
    expect(texts(eventItems(items)[0]?.problems)).toEqual([
      'unknown sender "Stranger" <x@elsewhere.example>: choose the vendor or mark as ours',
    ]);
    expect(eventItems(items)[0]?.actor).toBeUndefined();
  });

  it('when the Date has no zone and the Message-ID is missing, then the trial zone is used and both are flagged', async () => {
    const composed = await composeMail({
      from: 'li@rtc.example',
      to: 'han@ours.example',
      subject: 'Hi',
      text: 'Received.',
    });
    const mail = Buffer.from(
      composed
        .toString('latin1')
        .replace(/^Message-ID:.*\r\n/im, '')
        .replace(/^Date:.*$/im, 'Date: Fri, 20 Nov 2026 10:15:00'),
      'latin1',
    );
    const first = await proposeFromMail([eml('nozone.eml', mail)], mailContext());
    const second = await proposeFromMail([eml('nozone.eml', mail)], mailContext());

    const event = eventItems(first.items)[0];
    expect(event?.at).toBe('2026-11-20T02:15:00.000Z');
    expect(event?.importKey).toMatch(/^mail:sha256:[0-9a-f]{64}$/);
    expect(eventItems(second.items)[0]?.importKey).toBe(event?.importKey);
    expect(texts(event?.problems)).toEqual([
      'the message has no Message-ID: it is known by a hash of its bytes',
      'the Date header “Fri, 20 Nov 2026 10:15:00” has no time zone: read in Asia/Shanghai, check it',
    ]);
  });

  it('when the Date is outside the years an instant may hold, then it is a problem and no time', async () => {
    const mail = await composeMail({
      from: 'li@rtc.example',
      to: 'han@ours.example',
      subject: 'Old',
      text: 'Received',
      messageId: '<old@rtc.example>',
      date: new Date('1970-01-01T00:00:00Z'),
    });
    const [event] = eventItems((await proposeFromMail([eml('old.eml', mail)], mailContext())).items);
    expect(event?.at).toBeUndefined();
    expect(texts(event?.problems)).toContain('the Date header says the year 1970: set its time');
  });

  it('when a mail has attachments, then the preview text names them', async () => {
    const mail = await composeMail({
      from: 'han@ours.example',
      to: 'li@rtc.example',
      subject: 'Logs',
      text: 'Here are the logs.',
      messageId: '<logs@ours.example>',
      attachments: [
        { filename: 'sdk.log', content: 'line 1' },
        { filename: '截图.png', content: Buffer.from([1, 2, 3]) },
      ],
    });
    const { items } = await proposeFromMail([eml('logs.eml', mail)], mailContext());
    expect(probes(items)[0]?.text).toBe('Here are the logs.\n[attachments: sdk.log, 截图.png]');
  });

  it('when files are bad (empty, binary, unknown charset, missing Date, cut-off mbox), then each is a problem, never a throw', async () => {
    const good = await composeMail({
      from: 'li@rtc.example',
      to: 'han@ours.example',
      subject: 'A',
      text: 'Received',
      messageId: '<ok@rtc.example>',
    });
    const odd = await composeMail({
      from: 'li@rtc.example',
      to: 'han@ours.example',
      subject: 'B',
      messageId: '<odd@rtc.example>',
      alternatives: [{ content: 'Received', contentType: 'text/plain; charset=x-klingon' }],
    });
    const noDate = Buffer.from(
      odd
        .toString('latin1')
        .replace(/^Date:.*\r\n/im, '')
        .replace('odd@', 'nodate@'),
      'latin1',
    );
    const cut = await composeMail({
      from: 'li@rtc.example',
      to: 'han@ours.example',
      subject: 'C',
      text: 'Received',
      messageId: '<cut@rtc.example>',
      attachments: [{ filename: 'a.log', content: 'x'.repeat(2000) }],
    });
    const archive = mbox([good, cut]);
    const truncated = archive.subarray(0, archive.byteLength - 600);
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256));

    const proposal = await proposeFromMail(
      [
        eml('empty.eml', Buffer.alloc(0)),
        eml('junk.eml', garbage),
        eml('odd.eml', odd),
        eml('nodate.eml', noDate),
        eml('cut.mbox', truncated),
      ],
      mailContext(),
    );

    expect(texts(proposal.problems)).toEqual([
      'empty.eml: the file is empty',
      expect.stringMatching(/^junk\.eml: not a mail message/),
      'cut.mbox, message 2: the archive seems cut off in its last message; check that message',
    ]);
    const byKey = new Map(proposal.items.map((item) => [item.key, item]));
    expect(texts(byKey.get('mail:odd@rtc.example')?.problems)).toContain(
      'unknown character set “x-klingon”: some text may be garbled',
    );
    expect(texts(byKey.get('mail:nodate@rtc.example')?.problems)).toContain(
      'the message has no Date header: set its time',
    );
    expect(byKey.get('mail:nodate@rtc.example')?.at).toBeUndefined();
    expect(byKey.has('mail:ok@rtc.example')).toBe(true);
    expect(byKey.has('mail:cut@rtc.example')).toBe(true);
  });

  it('when an mbox holds 1,000 messages with quoted From lines, then every message is proposed once, unquoted', async () => {
    const opening = await composeMail({
      from: 'han@ours.example',
      to: 'support@rtc.example',
      subject: 'Bulk',
      text: 'Start',
      messageId: '<m0@ours.example>',
    });
    const replies = await Promise.all(
      Array.from({ length: 999 }, (_, index) =>
        composeMail({
          from: 'li@rtc.example',
          to: 'han@ours.example',
          subject: 'Re: Bulk',
          text: `Update ${index + 1}\nFrom the logs we see packet loss.`,
          messageId: `<m${index + 1}@rtc.example>`,
          references: ['<m0@ours.example>'],
          date: new Date(Date.parse('2026-11-20T02:00:00Z') + (index + 1) * 60_000),
        }),
      ),
    );
    const archive = mbox([opening, ...replies]);
    expect(archive.toString('latin1')).toContain('\n>From the logs');

    const proposal = await proposeFromMail([eml('bulk.mbox', archive)], mailContext());

    expect(texts(proposal.problems)).toEqual([]);
    expect(probes(proposal.items)).toHaveLength(1);
    expect(eventItems(proposal.items)).toHaveLength(999);
    expect(eventItems(proposal.items)[0]).toMatchObject({
      text: 'Update 1\nFrom the logs we see packet loss.',
      kind: 'diagnosis',
      source: { file: 'bulk.mbox', messageId: 'm1@rtc.example' },
    });
    expect(proposal.originals.size).toBe(1000);
  });
});

describe('proposeFromMail on damaged input', () => {
  it('when a mail or an archive is cut or overwritten anywhere, then the proposal is well-formed and nothing throws', async () => {
    const mail = await composeMail({
      from: '=?GBK?B?wO7A1w==?= <li@rtc.example>',
      to: 'han@ours.example',
      subject: 'Re: 推流失败 #12345',
      html: '<p>We analysed the logs.</p>',
      attachments: [{ filename: 'a.log', content: 'x'.repeat(300) }],
      messageId: '<dmg@rtc.example>',
    });
    const archive = mbox([mail, mail]);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(mail, archive),
        fc.nat(),
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom('x.eml', 'x.mbox', 'x.bin'),
        async (source, at, patch, name) => {
          const cut = at % (source.byteLength + 1);
          const bytes = Buffer.concat([
            source.subarray(0, cut),
            Buffer.from(patch),
            source.subarray(cut + patch.length),
          ]);
          const proposal = await proposeFromMail([{ name, bytes }], mailContext());
          for (const item of proposal.items) expect(ImportItemSchema.safeParse(item).success).toBe(true);
          for (const key of proposal.originals.keys())
            expect(proposal.items.some((item) => item.key === key)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
