/**
 * Whether a mail thread continues a probe the trial already has: a message of it was
 * imported before, its ticket number is the vendor's `vendorRef` of a probe, or our opening
 * mail made a probe before (same vendor, sent time and title).
 */
import type { ImportContext } from '../../domain/imports.js';
import type { Probe } from '../../domain/schemas.js';
import type { MailMessage } from './mailMessage.js';
import { probeTitle } from './mailText.js';

export function matchingProbe(
  messages: readonly MailMessage[],
  first: MailMessage | undefined,
  vendorId: string | undefined,
  vendorRef: string | undefined,
  context: ImportContext,
): Probe | undefined {
  return (
    earlierProbe(messages, context) ??
    byVendorRef(vendorId, vendorRef, context.probes) ??
    byOpening(first, vendorId, context.probes)
  );
}

/** The probe holding an event imported from any message of this thread before. */
function earlierProbe(messages: readonly MailMessage[], context: ImportContext): Probe | undefined {
  const keys = new Set(messages.map((message) => `mail:${message.messageId}`));
  if (![...keys].some((key) => context.importedKeys.has(key))) return undefined;
  return context.probes.find((probe) =>
    probe.events.some((event) => event.importKey && keys.has(event.importKey)),
  );
}

function byVendorRef(
  vendorId: string | undefined,
  vendorRef: string | undefined,
  probes: readonly Probe[],
): Probe | undefined {
  if (!vendorId || !vendorRef) return undefined;
  return probes.find((probe) => probe.vendorId === vendorId && probe.vendorRef === vendorRef);
}

/**
 * The probe an earlier import made of this thread's opening mail: same vendor, same sent
 * time and title. Our opening mail becomes the probe's `sentAt`, not an event, so no
 * import key of it is stored to find it by.
 */
function byOpening(first: MailMessage | undefined, vendorId: string | undefined, probes: readonly Probe[]) {
  if (!first?.at || !vendorId) return undefined;
  const sentMs = first.at.getTime();
  const title = probeTitle(first.subject);
  return probes.find(
    (probe) => probe.vendorId === vendorId && Date.parse(probe.sentAt) === sentMs && probe.title === title,
  );
}
