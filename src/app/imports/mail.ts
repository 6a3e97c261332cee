/**
 * Mail import (SPEC §8, issue 11): `.eml` files and `.mbox` archives become a proposal —
 * one probe per thread (our first mail is its `sentAt`) and one event per later message,
 * each with the kind the rules propose and the words that triggered it. Nothing is stored
 * here; the preview shows the proposal and the person commits it.
 *
 * Messages already imported (their `mail:<Message-ID>` is among the trial's import keys)
 * are not proposed again, so re-importing an archive proposes only what is new.
 */
import {
  importProblem,
  type ImportContext,
  type ImportItem,
  type ImportProblem,
  type ImportProposal,
} from '../../domain/imports.js';
import { kindForSide, proposeKind } from '../../domain/eventKindRules.js';
import { readMessage, type MailMessage } from './mailMessage.js';
import { looksCutOff, looksLikeMbox, splitMbox } from './mbox.js';
import { probeTitle, safeFileName, ticketNumber } from './mailText.js';
import { groupThreads, type Thread } from './mailThreads.js';
import { matchingProbe } from './mailProbeMatch.js';
import { senderRoles, type SenderRoles } from './senders.js';

type FiledMessage = MailMessage & { file: string };

export async function proposeFromMail(
  files: readonly { name: string; bytes: Uint8Array }[],
  context: ImportContext,
): Promise<ImportProposal> {
  const problems: ImportProblem[] = [];
  const messages: FiledMessage[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    for await (const message of readFile(file, context.trial.timezone, problems)) {
      if (seen.has(message.messageId)) continue; // the same mail in two files or twice in one archive
      seen.add(message.messageId);
      messages.push(message);
    }
  }
  if (messages.length > 0 && (context.trial.teamDomains ?? []).length === 0) {
    problems.push(importProblem('mail.noTeamDomains'));
  }
  const roles = senderRoles(context);
  const threads = groupThreads(messages, (message) => roles.vendorOfMessage(message));
  const proposal: ImportProposal = { items: [], problems, originals: new Map() };
  for (const thread of threads) proposeThread(thread, roles, context, proposal);
  return proposal;
}

async function* readFile(
  file: { name: string; bytes: Uint8Array },
  timezone: string,
  problems: ImportProblem[],
): AsyncGenerator<FiledMessage> {
  if (file.bytes.byteLength === 0) {
    problems.push(importProblem('mail.emptyFile', { file: file.name }));
    return;
  }
  const isMbox = /\.mbox$/i.test(file.name) || looksLikeMbox(file.bytes);
  if (/\.mbox$/i.test(file.name) && !looksLikeMbox(file.bytes)) {
    problems.push(importProblem('mail.notMbox', { file: file.name }));
  }
  const raws = isMbox ? splitMbox(file.bytes) : [{ bytes: file.bytes, index: 1, last: true }];
  let count = 0;
  for (const raw of raws) {
    count += 1;
    const where = { file: file.name, index: isMbox ? raw.index : undefined };
    if (isMbox && raw.last && looksCutOff(raw.bytes)) problems.push(importProblem('mail.cutOff', where));
    const message = await readMessage(raw.bytes, timezone);
    if ('problem' in message)
      problems.push(importProblem(message.problem.code, { ...message.problem.params, ...where }));
    else yield { ...message, file: file.name };
  }
  if (count === 0) problems.push(importProblem('mail.noMessage', { file: file.name }));
}

function proposeThread(
  thread: Thread<FiledMessage>,
  roles: SenderRoles,
  context: ImportContext,
  proposal: ImportProposal,
): void {
  const first = thread.messages.find((message) => roles.of(message.fromAddress)?.actor === 'buyer');
  const vendorId = thread.messages
    .map((message) => roles.vendorOfMessage(message))
    .find((id) => id !== undefined);
  const vendorRef = thread.messages
    .map((message) => ticketNumber(message.subject))
    .find((ref) => ref !== undefined);
  const existing = matchingProbe(thread.messages, first, vendorId, vendorRef, context);
  const probeKey = `thread:${thread.rootId}`;
  const events = thread.messages
    .filter((message) => message !== first && !context.importedKeys.has(`mail:${message.messageId}`))
    .map((message) =>
      proposeEvent(message, roles, vendorId, first?.at, existing ? { probeId: existing.id } : { probeKey }),
    );
  if (existing && events.length === 0) return;
  const opening = first ?? thread.messages[0];
  if (!opening) return;
  const problems = [...(first?.problems ?? [])];
  if (!existing && !first) problems.push(importProblem('mail.noOurMail'));
  if (!vendorId) problems.push(importProblem('mail.noVendor'));
  const probe: ImportItem = {
    key: probeKey,
    type: 'probe',
    ...(existing ? { probeId: existing.id } : {}),
    vendorId: existing?.vendorId ?? vendorId,
    at: existing ? undefined : opening.at?.toISOString(),
    title: existing?.title ?? probeTitle(opening.subject),
    channel: 'email',
    vendorRef: existing?.vendorRef ?? vendorRef,
    text: first?.text,
    from: opening.fromText,
    importKey: first ? `mail:${first.messageId}` : undefined,
    source: { file: opening.file, messageId: opening.messageId },
    problems: existing ? [] : problems,
  };
  proposal.items.push(withoutUndefined(probe));
  if (first && !existing) proposal.originals.set(probeKey, original(first));
  for (const event of events) {
    proposal.items.push(event.item);
    proposal.originals.set(event.item.key, original(event.message));
  }
}

function proposeEvent(
  message: FiledMessage,
  roles: SenderRoles,
  threadVendorId: string | undefined,
  sentAt: Date | undefined,
  owner: { probeId: string } | { probeKey: string },
): { item: ImportItem; message: FiledMessage } {
  const sender = roles.of(message.fromAddress);
  const problems = [...message.problems];
  if (!sender) problems.push(importProblem('mail.unknownSender', { sender: message.fromText || '—' }));
  let kind: Pick<ImportItem, 'kind' | 'trigger'> = {};
  if (sender?.actor === 'vendor' && message.autoReply)
    kind = { kind: 'auto_ack', trigger: message.autoReply };
  else if (sender) {
    const proposed =
      proposeKind(message.ruleText, sender.actor) ?? kindForSide(message.subject, sender.actor);
    kind = proposed ?? {};
    if (!proposed) problems.push(importProblem('noKind'));
  }
  if (message.at && sentAt && message.at < sentAt) problems.push(importProblem('mail.olderThanProbe'));
  const key = `mail:${message.messageId}`;
  const item: ImportItem = {
    key,
    type: 'event',
    ...owner,
    vendorId: sender?.vendorId ?? threadVendorId,
    at: message.at?.toISOString(),
    actor: sender?.actor,
    ...kind,
    text: message.text,
    importKey: key,
    from: message.fromText,
    source: { file: message.file, messageId: message.messageId },
    problems,
  };
  return { item: withoutUndefined(item), message };
}

function original(message: MailMessage): { name: string; bytes: Uint8Array } {
  return { name: safeFileName(message.messageId), bytes: message.raw };
}

/** Items go to JSON and to the preview: an absent field is left out, not set to undefined. */
function withoutUndefined(item: ImportItem): ImportItem {
  const entries: [string, unknown][] = Object.entries(item);
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined)) as ImportItem;
}
