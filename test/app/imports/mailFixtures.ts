/** Mail fixtures composed by nodemailer's MIME composer, and the trial they are imported into. */
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import type { ImportContext } from '../../../src/domain/imports.js';
import type { Probe, Vendor } from '../../../src/domain/schemas.js';
import { buildTrial, buildVendor } from '../../factories.js';

export function composeMail(options: Mail.Options): Promise<Buffer> {
  return new MailComposer({ date: new Date('2026-11-20T02:00:00Z'), ...options }).compile().build();
}

/** An mbox archive (mboxrd): a `From ` line before each message, `From ` lines in bodies quoted. */
export function mbox(messages: readonly Buffer[]): Buffer {
  return Buffer.concat(
    messages.map((message) => {
      const text = message
        .toString('latin1')
        .replace(/\r\n/g, '\n')
        .replace(/^(>*From )/gm, '>$1');
      return Buffer.from(`From MAILER-DAEMON Fri Nov 20 10:00:00 2026\n${text}\n\n`, 'latin1');
    }),
  );
}

export const VENDOR_ID = 'vendor_rtc';

export function mailContext(
  overrides: { vendors?: Vendor[]; probes?: Probe[]; importedKeys?: string[] } = {},
): ImportContext {
  return {
    trial: buildTrial({ teamDomains: ['ours.example'], timezone: 'Asia/Shanghai' }),
    vendors: overrides.vendors ?? [
      buildVendor({ id: VENDOR_ID, name: 'RTC Cloud', domains: ['rtc.example'] }),
      buildVendor({ id: 'vendor_other', name: 'Other', domains: ['other.example'] }),
    ],
    probes: overrides.probes ?? [],
    importedKeys: new Set(overrides.importedKeys ?? []),
    now: new Date('2026-12-01T00:00:00Z'),
  };
}

/** A buyer's opening mail and the vendor's replies, threaded by References. */
export async function thread(subject: string, replies: readonly { text: string; at: string; id: string }[]) {
  const opening = await composeMail({
    from: 'Han Meimei <han@ours.example>',
    to: 'support@rtc.example',
    subject,
    text: 'Push stream fails for all users in Shanghai.',
    messageId: '<open-1@ours.example>',
    date: new Date('2026-11-20T02:00:00Z'),
  });
  const answers = await Promise.all(
    replies.map((reply) =>
      composeMail({
        from: 'Li Lei <li@rtc.example>',
        to: 'han@ours.example',
        subject: `Re: ${subject}`,
        text: reply.text,
        messageId: `<${reply.id}>`,
        inReplyTo: '<open-1@ours.example>',
        references: ['<open-1@ours.example>'],
        date: new Date(reply.at),
      }),
    ),
  );
  return [opening, ...answers];
}
