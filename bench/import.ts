/**
 * `npm run bench`: propose a mail import from an mbox of 1,000 messages (100 threads of
 * ten: plain, HTML-only and GBK mail, some with a log attached). Issue 11 target: ≤ 5 s, in
 * bounded memory — the archive is read one message at a time, so the heap grows by the
 * proposal's summaries, not by parsed MIME trees.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import { proposeFromMail } from '../src/app/imports/mail.js';
import type { ImportContext } from '../src/domain/imports.js';
import { englishProblem } from '../src/i18n/importProblems.js';
import {
  DEFAULT_TARGETS,
  DEFAULT_WEIGHTS,
  NEWEST_MODEL,
  defaultCalendar,
  TrialSchema,
  VendorSchema,
} from '../src/domain/schemas.js';

const TARGET_MS = 5000;
const THREADS = 100;
const PER_THREAD = 10;
const CREATED = '2026-01-01T00:00:00Z';
/** "您好，请提供日志和房间号。" in GBK. */
const GBK_BODY = Buffer.from('c4fabac3a3acc7ebcce1b9a9c8d5d6bebacdb7bfbce4bac5a1a3', 'hex');

const context: ImportContext = {
  trial: TrialSchema.parse({
    id: 'trial',
    name: 'Bench',
    status: 'running',
    timezone: 'Asia/Shanghai',
    weights: DEFAULT_WEIGHTS,
    targets: DEFAULT_TARGETS,
    calendar: defaultCalendar('Asia/Shanghai'),
    knockouts: {},
    model: NEWEST_MODEL,
    teamDomains: ['ours.example'],
    createdAt: CREATED,
    updatedAt: CREATED,
  }),
  vendors: [
    VendorSchema.parse({
      id: 'v1',
      trialId: 'trial',
      name: 'RTC',
      domains: ['rtc.example'],
      createdAt: CREATED,
      updatedAt: CREATED,
    }),
  ],
  probes: [],
  importedKeys: new Set(),
  now: new Date('2026-12-01T00:00:00Z'),
};

function message(thread: number, index: number): Promise<Buffer> {
  const ours = index === 0;
  const id = `<t${thread}-m${index}@${ours ? 'ours' : 'rtc'}.example>`;
  const body =
    index % 3 === 1
      ? {
          html: `<p>We analysed the logs of ticket ${thread}.</p><hr><p><b>From:</b> Han</p><p>${'Quoted text. '.repeat(40)}</p>`,
        }
      : index % 3 === 2
        ? { alternatives: [{ content: GBK_BODY, contentType: 'text/plain; charset=GBK' }] }
        : {
            text: `Push stream fails, case ${thread}.\nFrom the client we see errors.\n${'Detail line.\n'.repeat(30)}`,
          };
  return new MailComposer({
    from: ours ? 'han@ours.example' : 'li@rtc.example',
    to: ours ? 'support@rtc.example' : 'han@ours.example',
    subject: `${ours ? '' : 'Re: '}Probe ${thread} [Ticket ${10000 + thread}]`,
    messageId: id,
    references: ours ? [] : [`<t${thread}-m0@ours.example>`],
    date: new Date(Date.parse('2026-11-20T02:00:00Z') + thread * 3_600_000 + index * 60_000),
    attachments: index % 4 === 3 ? [{ filename: 'sdk.log', content: 'log line\n'.repeat(500) }] : [],
    ...body,
  })
    .compile()
    .build();
}

const mails: Buffer[] = [];
for (let thread = 0; thread < THREADS; thread++)
  for (let index = 0; index < PER_THREAD; index++) mails.push(await message(thread, index));
const archive = Buffer.concat(
  mails.map((mail) =>
    Buffer.from(
      `From MAILER-DAEMON Fri Nov 20 10:00:00 2026\n${mail
        .toString('latin1')
        .replace(/\r\n/g, '\n')
        .replace(/^(>*From )/gm, '>$1')}\n\n`,
      'latin1',
    ),
  ),
);
mails.length = 0;

global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let heapPeak = heapBefore;
const sampler = setInterval(() => {
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
}, 50);
const started = performance.now();
const proposal = await proposeFromMail([{ name: 'bench.mbox', bytes: archive }], context);
const elapsed = performance.now() - started;
clearInterval(sampler);
const heapAfter = process.memoryUsage().heapUsed;

console.log(
  `mail import: ${THREADS * PER_THREAD} messages (${(archive.byteLength / 1024 / 1024).toFixed(1)} MB mbox) → ${proposal.items.length} items in ${elapsed.toFixed(0)} ms (target ≤ ${TARGET_MS} ms)`,
);
console.log(
  `heap: ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MB more after the import (the proposal itself), peak ${((heapPeak - heapBefore) / 1024 / 1024).toFixed(1)} MB above the start while parsing; resident memory ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`,
);
if (proposal.problems.length > 0)
  console.log(`problems: ${proposal.problems.map(englishProblem).join('; ')}`);
if (elapsed > TARGET_MS) {
  console.log('OVER TARGET');
  process.exitCode = 1;
}
