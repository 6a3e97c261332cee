/**
 * Mail grouped into threads: messages joined by Message-ID, In-Reply-To and References;
 * a message that answers nothing joins the thread with its subject (prefixes removed) and
 * the same vendor, since the same scenario goes to every vendor under the same subject.
 */
import type { MailMessage } from './mailMessage.js';
import { threadSubject } from './mailText.js';

export interface Thread<M extends MailMessage = MailMessage> {
  /** The earliest message's id: the thread's key in the proposal. */
  rootId: string;
  /** Oldest first; messages without a date keep their place after the dated ones. */
  messages: M[];
}

export function groupThreads<M extends MailMessage>(
  messages: readonly M[],
  vendorOf: (message: M) => string | undefined,
): Thread<M>[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(id, root);
    return root;
  };
  const join = (a: string, b: string) => {
    const rootA = find(a);
    const rootB = find(b);
    if (rootA !== rootB) parent.set(rootB, rootA);
  };
  for (const message of messages) {
    find(message.messageId);
    for (const id of message.parents) join(message.messageId, id);
  }
  const bySubject = new Map<string, string>();
  for (const message of messages) {
    const subject = threadSubject(message.subject);
    if (subject === '') continue;
    const key = `${vendorOf(message) ?? ''}\u0000${subject}`;
    const first = bySubject.get(key);
    if (first === undefined) bySubject.set(key, message.messageId);
    else if (message.parents.length === 0) join(first, message.messageId);
  }
  const groups = new Map<string, M[]>();
  for (const message of messages) {
    const root = find(message.messageId);
    const group = groups.get(root);
    if (group) group.push(message);
    else groups.set(root, [message]);
  }
  return [...groups.values()].map((group) => {
    const sorted = [...group].sort((a, b) => (a.at?.getTime() ?? Infinity) - (b.at?.getTime() ?? Infinity));
    return { rootId: sorted[0]?.messageId ?? '', messages: sorted };
  });
}
