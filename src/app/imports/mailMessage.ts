/**
 * One mail message read by mailparser into what a proposal needs of it, and nothing more:
 * the parsed MIME tree is dropped as soon as this returns, so an archive is held as small
 * summaries. Whatever is wrong with the message becomes a problem (a code), never a throw.
 */
import { importProblem, type ImportProblem } from '../../domain/imports.js';
import { createHash } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { DateTime } from 'luxon';
import { FIRST_YEAR, LAST_YEAR } from '../../domain/schemas.js';
import { replyText } from './mailText.js';

export interface MailMessage {
  /** The Message-ID without angle brackets, or `sha256:<hex>` of the bytes when it has none. */
  messageId: string;
  /** Message-IDs this one answers (In-Reply-To and References), without angle brackets. */
  parents: string[];
  subject: string;
  fromAddress: string | undefined;
  fromText: string;
  /** Every To and Cc address, lower case. */
  recipients: string[];
  at: Date | undefined;
  /** The header that marks the message as sent by a machine, when one does. */
  autoReply: string | undefined;
  /** Body for the kind rules (first 2,000 characters, quotes removed). */
  ruleText: string;
  /** Body for the preview: first lines, attachments named. */
  text: string;
  problems: ImportProblem[];
  raw: Uint8Array;
}

const AUTO_REPLY_SUBJECT =
  /自动回复|自动答复|automatic reply|auto(?:matic)?[ -]?reply|out of office|^\s*auto\s*[:：]/i;

export async function readMessage(
  raw: Uint8Array,
  timezone: string,
): Promise<MailMessage | { problem: ImportProblem }> {
  const source = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  let parsed: ParsedMail;
  try {
    // mailparser is loaded with the first message, not at server start (a quarter of a second).
    const { simpleParser } = await import('mailparser');
    parsed = await simpleParser(source, { skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
  } catch (error) {
    return {
      problem: importProblem('mail.unreadable', {
        error: (error instanceof Error ? error.message : String(error)).slice(0, 200),
      }),
    };
  }
  if (parsed.headerLines.length === 0 || (!parsed.from && !parsed.messageId && !parsed.subject)) {
    return { problem: importProblem('mail.notMail') };
  }
  const problems: ImportProblem[] = [];
  const messageId = bareId(parsed.messageId) ?? `sha256:${createHash('sha256').update(source).digest('hex')}`;
  if (!parsed.messageId) problems.push(importProblem('mail.noMessageId'));
  const date = readDate(parsed, timezone);
  if (date.problem) problems.push(date.problem);
  const year = date.at?.getUTCFullYear() ?? FIRST_YEAR;
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    problems.push(importProblem('mail.badYear', { year }));
    date.at = undefined;
  }
  problems.push(...charsetProblems(source, parsed));
  const from = parsed.from?.value[0];
  const body = parsed.text ?? '';
  const attachments = parsed.attachments.map((attachment) => attachment.filename ?? attachment.contentType);
  const reply = replyText(body, 2000);
  const preview = replyText(body, attachments.length > 0 ? 400 : 500);
  return {
    messageId,
    parents: [...idList(parsed.inReplyTo), ...idList(parsed.references)],
    subject: parsed.subject ?? '',
    fromAddress: from?.address?.toLowerCase(),
    fromText: parsed.from?.text ?? '',
    recipients: [parsed.to, parsed.cc]
      .flat()
      .flatMap((list) => list?.value ?? [])
      .flatMap((address) => (address.address ? [address.address.toLowerCase()] : [])),
    at: date.at,
    autoReply: autoReplyMark(parsed),
    ruleText: reply,
    text:
      attachments.length > 0 ? `${preview}\n[attachments: ${attachments.join(', ')}]`.slice(0, 500) : preview,
    problems,
    raw,
  };
}

function bareId(id: string | undefined): string | undefined {
  const bare = id?.trim().replace(/^<|>$/g, '').trim();
  return bare === '' ? undefined : bare;
}

function idList(ids: string | string[] | undefined): string[] {
  const all = (Array.isArray(ids) ? ids : [ids ?? '']).flatMap(
    (value) => value.match(/<[^<>]+>/g) ?? [value],
  );
  return all.flatMap((id) => bareId(id) ?? []);
}

function autoReplyMark(parsed: ParsedMail): string | undefined {
  const header = (name: string) => {
    const value = parsed.headers.get(name);
    return typeof value === 'string' ? value.toLowerCase() : value === undefined ? undefined : '';
  };
  const submitted = header('auto-submitted');
  // auto-generated is left out: help desks send an agent's real answer as an auto-generated notification.
  if (submitted?.startsWith('auto-replied')) return `Auto-Submitted: ${submitted}`;
  if (header('x-autoreply') !== undefined) return 'X-Autoreply';
  if (header('x-autorespond') !== undefined) return 'X-Autorespond';
  if (header('precedence') === 'auto_reply') return 'Precedence: auto_reply';
  const subject = AUTO_REPLY_SUBJECT.exec(parsed.subject ?? '');
  return subject ? subject[0].trim() : undefined;
}

/**
 * The Date header as written, read by RFC 5322. mailparser turns a date it cannot read into
 * "now", so the raw line is read again here. A date without a zone is read in the trial's
 * zone and flagged: the preview asks before a guessed time decides an SLA.
 */
function readDate(parsed: ParsedMail, timezone: string): { at?: Date; problem?: ImportProblem } {
  const line = parsed.headerLines.find((header) => header.key === 'date')?.line;
  if (!line) return { problem: importProblem('mail.noDate') };
  const raw = line
    .replace(/^date\s*:/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  const clean = raw.replace(/\([^)]*\)/g, '').trim();
  const rfc = DateTime.fromRFC2822(clean);
  if (rfc.isValid) return { at: rfc.toJSDate() };
  const zoned = /(?:[+-]\d{2}:?\d{2}|\b(?:UT|UTC|GMT|Z)\b)$/i.test(clean);
  const loose = new Date(clean);
  if (Number.isNaN(loose.getTime())) return { problem: importProblem('mail.badDate', { raw }) };
  if (zoned) return { at: loose };
  const local = DateTime.fromObject(
    {
      year: loose.getFullYear(),
      month: loose.getMonth() + 1,
      day: loose.getDate(),
      hour: loose.getHours(),
      minute: loose.getMinutes(),
      second: loose.getSeconds(),
    },
    { zone: timezone },
  );
  return {
    at: local.toJSDate(),
    problem: importProblem('mail.dateNoZone', { raw, zone: timezone }),
  };
}

/** Charsets no decoder knows, and text that came out with replacement characters. */
function charsetProblems(source: Buffer, parsed: ParsedMail): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const head = source.subarray(0, 256 * 1024).toString('latin1');
  const labels = new Set(
    [...head.matchAll(/charset\s*=\s*"?([^";\s]+)/gi)].map((match) => (match[1] ?? '').toLowerCase()),
  );
  for (const label of labels) {
    try {
      new TextDecoder(label);
    } catch {
      problems.push(importProblem('mail.unknownCharset', { label }));
    }
  }
  if (problems.length === 0 && `${parsed.subject ?? ''}${parsed.text ?? ''}`.includes('\uFFFD')) {
    problems.push(importProblem('mail.garbled'));
  }
  return problems;
}
