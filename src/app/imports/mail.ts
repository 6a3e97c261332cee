/**
 * Mail import (SPEC §8, issue 11): `.eml` files and `.mbox` archives become a proposal —
 * one probe per thread (our first mail is its `sentAt`) and one event per later message,
 * each with the kind the rules propose and the words that triggered it. Nothing is stored
 * here; the preview shows the proposal and the person commits it.
 *
 * Messages already imported (their `mail:<Message-ID>` is among the trial's import keys)
 * are not proposed again, so re-importing an archive proposes only what is new.
 */
import type { ImportContext, ImportItem, ImportProposal } from '../../domain/imports.js';
import { proposeKind } from '../../domain/eventKindRules.js';
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
  const problems: string[] = [];
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
    problems.push(
      'the trial has no team mail domains: our own mail cannot be told apart, so each sender is asked',
    );
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
  problems: string[],
): AsyncGenerator<FiledMessage> {
  if (file.bytes.byteLength === 0) {
    problems.push(`${file.name}: the file is empty`);
    return;
  }
  const isMbox = /\.mbox$/i.test(file.name) || looksLikeMbox(file.bytes);
  if (/\.mbox$/i.test(file.name) && !looksLikeMbox(file.bytes)) {
    problems.push(`${file.name}: does not start with an mbox "From " line; read as a single message`);
  }
  const raws = isMbox ? splitMbox(file.bytes) : [{ bytes: file.bytes, index: 1, last: true }];
  let count = 0;
  for (const raw of raws) {
    count += 1;
    const where = isMbox ? `${file.name}, message ${raw.index}` : file.name;
    if (isMbox && raw.last && looksCutOff(raw.bytes)) {
      problems.push(`${where}: the archive seems cut off in its last message; check that message`);
    }
    const message = await readMessage(raw.bytes, timezone);
    if ('problem' in message) problems.push(`${where}: ${message.problem}`);
    else yield { ...message, file: file.name };
  }
  if (count === 0) problems.push(`${file.name}: no message found`);
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
  if (!existing && !first)
    problems.push('no mail from our team in this thread: choose the probe it belongs to or its sent time');
  if (!vendorId) problems.push('no vendor is known for this thread: choose the vendor');
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
  if (!sender)
    problems.push(`unknown sender ${message.fromText || '(none)'}: choose the vendor or mark as ours`);
  let kind: Pick<ImportItem, 'kind' | 'trigger'> = {};
  if (sender?.actor === 'vendor' && message.autoReply)
    kind = { kind: 'auto_ack', trigger: message.autoReply };
  else if (sender) {
    const proposed =
      proposeKind(message.ruleText, sender.actor) ?? proposeKind(message.subject, sender.actor);
    kind = proposed ?? (sender.actor === 'buyer' ? { kind: 'note' } : {});
    if (!proposed && sender.actor === 'vendor') problems.push('no kind could be proposed: choose one');
  }
  if (message.at && sentAt && message.at < sentAt)
    problems.push('this message is older than the probe it belongs to');
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
