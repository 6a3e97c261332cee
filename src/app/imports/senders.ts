/**
 * Who wrote a message, told by its sender's mail domain: a vendor's `domains` make it that
 * vendor's, the trial's `teamDomains` make it ours (SPEC §2). A subdomain counts as its
 * domain (support.vendor.example is vendor.example's).
 */
import type { ImportContext } from '../../domain/imports.js';
import type { MailMessage } from './mailMessage.js';

export interface SenderRole {
  actor: 'vendor' | 'buyer';
  vendorId?: string;
}

export interface SenderRoles {
  of(address: string | undefined): SenderRole | undefined;
  /** The vendor a message is from, or, for our own mail, the vendor it is addressed to. */
  vendorOfMessage(message: Pick<MailMessage, 'fromAddress' | 'recipients'>): string | undefined;
}

export function senderRoles(context: ImportContext): SenderRoles {
  const byDomain = new Map<string, SenderRole>();
  for (const domain of context.trial.teamDomains ?? []) byDomain.set(domain, { actor: 'buyer' });
  for (const vendor of context.vendors) {
    for (const domain of vendor.domains ?? []) byDomain.set(domain, { actor: 'vendor', vendorId: vendor.id });
  }
  const of = (address: string | undefined): SenderRole | undefined => {
    let domain = address?.split('@').pop()?.toLowerCase();
    while (domain) {
      const role = byDomain.get(domain);
      if (role) return role;
      const dot = domain.indexOf('.');
      domain = dot === -1 ? undefined : domain.slice(dot + 1);
    }
    return undefined;
  };
  return {
    of,
    vendorOfMessage(message) {
      const sender = of(message.fromAddress);
      if (sender?.actor === 'vendor') return sender.vendorId;
      return message.recipients.map((address) => of(address)?.vendorId).find((id) => id !== undefined);
    },
  };
}
