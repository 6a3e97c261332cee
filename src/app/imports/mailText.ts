/**
 * The words of a mail that matter to a probe: its subject without reply and forward
 * prefixes (to thread mail whose headers were lost), the vendor's ticket number in it, and
 * the new lines of a reply without the quoted original below them.
 */

/** `Re:`, `RE:`, `Fwd:`, `FW:`, `回复：`, `转发：`, `答复:`, … repeated, any case, either colon. */
const REPLY_PREFIX = /^\s*(?:(?:re|fwd?|aw|sv|antw|回复|答复|转发)\s*(?:\[\d+\])?\s*[:：]\s*)+/i;

export function threadSubject(subject: string): string {
  return subject.replace(REPLY_PREFIX, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The subject shown as a probe title: prefixes removed, one line, at most 200 characters. */
export function probeTitle(subject: string): string {
  const title = subject
    .replace(REPLY_PREFIX, '')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim();
  return title === '' ? '(no subject)' : title.slice(0, 200);
}

/** Ticket numbers as vendors write them in subjects: `#12345`, `[Ticket 12345]`, `工单号：12345`. */
const TICKET_PATTERNS = [
  /(?:工单|案例|case|ticket)\s*(?:号|编号|no\.?|id)?\s*[:：#]?\s*#?\s*([A-Za-z]*-?\d{3,})/i,
  /#\s?(\d{3,})\b/,
];

export function ticketNumber(subject: string): string | undefined {
  for (const pattern of TICKET_PATTERNS) {
    const found = pattern.exec(subject)?.[1];
    if (found) return found;
  }
  return undefined;
}

/** Where the quoted original of a reply begins: everything from that line on is dropped. */
const QUOTE_HEADERS = [
  /^On .{0,300}wrote:\s*$/,
  /^-{2,}\s*(?:Original Message|Forwarded message|原始邮件|转发的邮件)\s*-{2,}/i,
  /^(?:发件人|From)\s*[:：].*$/,
  /^在.{0,200}写道[:：]\s*$/,
  /^_{10,}\s*$/,
];

/** The new lines of a message, at most `limit` characters: quoted originals and `>` lines gone. */
export function replyText(body: string, limit = 500): string {
  const kept: string[] = [];
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  for (const [index, line] of lines.entries()) {
    const trimmed = line.trim();
    // "On Mon, 2 Nov 2026, Li Lei <li@vendor.example>\nwrote:" — Gmail wraps the line.
    const joined = `${trimmed} ${lines[index + 1]?.trim() ?? ''}`;
    if (
      QUOTE_HEADERS.some((pattern) => pattern.test(trimmed)) ||
      (/^On /.test(trimmed) && /wrote:$/.test(joined))
    )
      break;
    if (trimmed.startsWith('>')) continue;
    kept.push(line.trimEnd());
  }
  const text = kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** A file name made of the Message-ID: no separators, no control characters, bounded. */
export function safeFileName(messageId: string): string {
  const stem = messageId
    .replace(/^<|>$/g, '')
    .replace(/[^A-Za-z0-9._@+-]/g, '_')
    .slice(0, 200);
  return `${stem || 'message'}.eml`;
}
