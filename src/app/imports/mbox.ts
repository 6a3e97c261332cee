/**
 * An mbox archive, one message at a time: the archive is cut at its `From ` separator lines
 * and each message is handed out as a view of the file's bytes, so only the message being
 * parsed is ever decoded (bounded memory for a 1,000-message archive). Lines quoted as
 * `>From ` (mboxrd, and mboxo's single level) lose one `>`.
 */

export interface RawMessage {
  /** The message's bytes, separator line excluded, quoting undone. */
  bytes: Uint8Array;
  /** 1-based position of the message in the archive. */
  index: number;
  /** The last message of the archive: the one a cut-off download damages. */
  last: boolean;
}

const SEPARATOR = Buffer.from('\nFrom ');
const QUOTED_FROM = /^>(>*From )/gm;

/** Whether the bytes open with an mbox separator line ("From sender date"). */
export function looksLikeMbox(bytes: Uint8Array): boolean {
  return (
    Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 5)).toString('latin1') === 'From '
  );
}

export function* splitMbox(bytes: Uint8Array): Generator<RawMessage> {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const opensWithSeparator = looksLikeMbox(file);
  let start = opensWithSeparator ? file.indexOf(0x0a) + 1 : 0;
  if (opensWithSeparator && start === 0) return; // a lone separator line, nothing after it
  for (let index = 1; ; index += 1) {
    const separator = file.indexOf(SEPARATOR, Math.max(start - 1, 0));
    const end = separator === -1 ? file.byteLength : separator + 1;
    const body = file.subarray(start, end);
    if (!isBlank(body)) yield { bytes: unquote(body), index, last: separator === -1 };
    if (separator === -1) return;
    const lineEnd = file.indexOf(0x0a, separator + 1);
    if (lineEnd === -1) return;
    start = lineEnd + 1;
  }
}

function isBlank(bytes: Buffer): boolean {
  return bytes.every((byte) => byte === 0x0a || byte === 0x0d || byte === 0x20 || byte === 0x09);
}

/** Undoes `>From ` quoting; copies the message only when it holds such a line. */
function unquote(message: Buffer): Uint8Array {
  if (message.indexOf('\n>') === -1 && message[0] !== 0x3e) return message;
  const text = message.toString('latin1');
  QUOTED_FROM.lastIndex = 0;
  if (!QUOTED_FROM.test(text)) return message;
  return Buffer.from(text.replace(QUOTED_FROM, '$1'), 'latin1');
}

/**
 * Whether a message looks cut off, as the last one of an interrupted download is: no blank
 * line after its headers, or a multipart body whose closing boundary never comes.
 */
export function looksCutOff(message: Uint8Array): boolean {
  const text = Buffer.from(message.buffer, message.byteOffset, message.byteLength).toString('latin1');
  const headerEnd = text.search(/\r?\n\r?\n/);
  if (headerEnd === -1) return true;
  const boundary = /boundary\s*=\s*"?([^";\r\n]+)"?/i.exec(text.slice(0, headerEnd))?.[1];
  return boundary !== undefined && !text.includes(`--${boundary.trim()}--`);
}
