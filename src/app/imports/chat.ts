/**
 * Chat import (issue 11): a conversation copied out of a WeCom, Feishu, DingTalk or Slack
 * group becomes one proposed event per message, with the kind the rules propose. Two
 * shapes are read: a header line `name  time` with the text on the lines below (WeCom,
 * Feishu, DingTalk, Slack's web copy), and `[time] name: text` (Slack exports). Times are
 * the trial's zone; see chatTime.ts for the forms. No probe is proposed: the person picks
 * the probe the conversation belongs to in the preview.
 *
 * A name is the vendor's when it is among a vendor's `chatNames` (the chat's own vendor,
 * `options.vendorId`, first), ours when it is among the trial's `teamChatNames`; any other
 * name, or one known on both sides, is asked about in the preview. A header with
 * only a time (`李雷 10:15`) is read as one only after a blank line or for a name already
 * seen or known, so a sentence ending in a time stays text.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import {
  importProblem,
  type ImportContext,
  type ImportItem,
  type ImportProblem,
  type ImportProposal,
} from '../../domain/imports.js';
import { kindForSide } from '../../domain/eventKindRules.js';
import { FIRST_YEAR, LAST_YEAR } from '../../domain/schemas.js';
import { BRACKETED, readDivider, readTime, TIME_AT_END, type ChatClock, type ReadTime } from './chatTime.js';

interface ChatMessage {
  name: string;
  time: ReadTime;
  line: number;
  lines: string[];
}

const TEXT_LIMIT = 500;

export function proposeFromChat(
  text: string,
  context: ImportContext,
  options: { vendorId?: string; file?: string } = {},
): ImportProposal {
  const file = options.file ?? 'chat';
  const names = chatNames(context, options.vendorId);
  const { messages, problems } = splitMessages(text, context, names);
  const proposal: ImportProposal = { items: [], problems, originals: new Map() };
  if (messages.length === 0) {
    proposal.problems.unshift(importProblem('chat.noMessage'));
    return proposal;
  }
  const seen = new Set<string>();
  for (const message of messages) {
    const item = proposeEvent(message, names, file, options.vendorId);
    if (seen.has(item.key) || context.importedKeys.has(item.key)) continue; // pasted twice, or imported before
    seen.add(item.key);
    proposal.items.push(item);
  }
  return proposal;
}

function splitMessages(text: string, context: ImportContext, names: Map<string, string[]>) {
  const clock: ChatClock = {
    timezone: context.trial.timezone,
    now: DateTime.fromJSDate(context.now, { zone: context.trial.timezone }),
    lastDate: undefined,
  };
  const messages: ChatMessage[] = [];
  const problems: ImportProblem[] = [];
  const seenNames = new Set<string>();
  let stray: number[] = [];
  const flushStray = () => {
    if (stray.length > 0)
      problems.push(
        importProblem('chat.strayLines', {
          first: stray[0],
          last: stray.at(-1),
          count: stray.length,
        }),
      );
    stray = [];
  };
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/\u00a0/g, ' ')
    .split('\n');
  let current: ChatMessage | undefined;
  let previousBlank = true;
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.trimEnd();
    const number = index + 1;
    const header = readHeader(
      line,
      clock,
      previousBlank,
      (name) => seenNames.has(name) || names.has(normalName(name)),
    );
    previousBlank = line.trim() === '';
    if (header) {
      flushStray();
      seenNames.add(header.name);
      current = { ...header, line: number };
      messages.push(current);
    } else if (readDivider(line, clock)) {
      current = undefined;
    } else if (line.trim() !== '') {
      if (current) current.lines.push(line.trim());
      else stray.push(number);
    }
  }
  flushStray();
  return { messages, problems };
}

function readHeader(
  line: string,
  clock: ChatClock,
  afterBlank: boolean,
  isKnown: (name: string) => boolean,
): Omit<ChatMessage, 'line'> | undefined {
  const bracketed = BRACKETED.exec(line);
  if (bracketed) {
    const time = readTime(bracketed[1] ?? '', clock);
    if (time)
      return { name: (bracketed[2] ?? '').trim(), time, lines: bracketed[3] ? [bracketed[3].trim()] : [] };
  }
  const trailing = TIME_AT_END.exec(line.trim());
  if (!trailing) return undefined;
  const name = (trailing[1] ?? '').trim();
  const timeText = trailing[2] ?? '';
  if (name.length > 60 || /[,.!?，。！？；;]$/.test(name)) return undefined;
  const timeOnly = /^\s*(?:(?:上午|下午|凌晨|晚上)\s*)?\d{1,2}:\d{2}/.test(timeText);
  if (timeOnly && !afterBlank && !isKnown(name)) return undefined;
  const time = readTime(timeText, clock);
  return time ? { name, time, lines: [] } : undefined;
}

function proposeEvent(
  message: ChatMessage,
  names: Map<string, string[]>,
  file: string,
  chatVendorId: string | undefined,
): ImportItem {
  const text = message.lines.join('\n');
  const problems: ImportProblem[] = [];
  const owners = names.get(normalName(message.name)) ?? [];
  const ours = owners.includes(OURS);
  const vendors = owners.filter((owner) => owner !== OURS);
  const vendorId = vendors[0];
  const name = { name: message.name };
  if (ours && vendors.length > 0) problems.push(importProblem('chat.oursAndVendor', name));
  else if (owners.length === 0) problems.push(importProblem('chat.unknownName', name));
  else if (vendors.length > 1) problems.push(importProblem('chat.severalVendors', name));
  let at: string | undefined;
  let stamp: string;
  if (message.time.hasDate && (message.time.at.year < FIRST_YEAR || message.time.at.year > LAST_YEAR)) {
    stamp = message.time.at.toISO() ?? '';
    problems.push(importProblem('chat.badYear', { year: message.time.at.year }));
  } else if (message.time.hasDate) {
    at = message.time.at.toUTC().toISO() ?? undefined;
    stamp = at ?? '';
    if (message.time.relative)
      problems.push(importProblem('chat.relativeDay', { date: message.time.at.toISODate() ?? '' }));
  } else {
    stamp = message.time.time;
    problems.push(importProblem('chat.noDate', { time: message.time.time }));
  }
  if (text === '') problems.push(importProblem('chat.noText'));
  const actor = ours
    ? vendors.length === 0
      ? 'buyer'
      : undefined
    : vendors.length === 1
      ? 'vendor'
      : undefined;
  const proposed = actor ? kindForSide(text, actor) : null;
  if (actor && !proposed) problems.push(importProblem('noKind'));
  const key = `chat:${createHash('sha256')
    .update([chatVendorId ?? '', stamp, message.name, text].join('\n'))
    .digest('hex')}`;
  const item: ImportItem = {
    key,
    type: 'event',
    ...((vendorId ?? chatVendorId) ? { vendorId: vendorId ?? chatVendorId } : {}),
    ...(at ? { at } : {}),
    ...(actor ? { actor } : {}),
    ...(proposed ?? {}),
    text: text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT - 1)}…` : text,
    importKey: key,
    from: message.name,
    source: { file, line: message.line },
    problems,
  };
  return item;
}

/** The owner of our own team's chat names, beside the vendors' ids. */
const OURS = '\u0000ours';

/**
 * Each known chat name (case and spacing aside) → who it belongs to: the vendors, the chat's
 * vendor first, and `OURS` for the trial's `teamChatNames`.
 */
function chatNames(context: ImportContext, chatVendorId: string | undefined): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const name of context.trial.teamChatNames ?? []) names.set(normalName(name), [OURS]);
  const vendors = [...context.vendors].sort(
    (a, b) => Number(b.id === chatVendorId) - Number(a.id === chatVendorId),
  );
  for (const vendor of vendors) {
    for (const name of vendor.chatNames ?? []) {
      const key = normalName(name);
      const owners = names.get(key) ?? [];
      if (!owners.includes(vendor.id)) names.set(key, [...owners, vendor.id]);
    }
  }
  // The chat's own vendor settles a name it shares with another vendor.
  if (chatVendorId)
    for (const [key, owners] of names)
      if (owners[0] === chatVendorId && !owners.includes(OURS)) names.set(key, [chatVendorId]);
  return names;
}

function normalName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}
