/**
 * The probe page's read-outs besides the key facts: the vendor's reclassification, this probe's
 * points from the scorecard (explained from the model's own findings), and the timeline.
 */
import { timelineWaits } from '../../app/probes.js';
import { attachmentItems, type AttachmentItem } from '../attachments/view.js';
import {
  DIMENSIONS,
  SEVERITIES,
  VENDOR_EVENT_DEPTH,
  isVendorKind,
  type Dimension,
  type Probe,
} from '../../domain/schemas.js';
import type { Scorecard } from '../../domain/scoring/scorecard.js';
import { explainFinding } from '../../i18n/explain.js';
import type { ViewHelpers } from '../web/locals.js';

type Helpers = Pick<ViewHelpers, 't' | 'fmt' | 'locale'>;

/** How the vendor's reclassification reads: "downgraded to P2", "upgraded to P0", or nothing. */
export function reclassification(probe: Probe, t: Helpers['t']): string | null {
  const accepted = probe.acceptedSeverity;
  if (accepted === undefined || accepted === probe.severity) return null;
  const lower = SEVERITIES.indexOf(accepted) > SEVERITIES.indexOf(probe.severity);
  return t(lower ? 'probe.downgraded' : 'probe.upgraded', { severity: accepted });
}

export interface PointRow {
  dimension: Dimension;
  label: string;
  points: string;
  counted: boolean;
  explanation: string;
}

/** This probe's points per dimension with the scorecard's reasons; null when not scored (sent later). */
export function probePoints(card: Scorecard, probe: Probe, h: Helpers): PointRow[] | null {
  const vendorCard = card.vendors.find((vendor) => vendor.vendorId === probe.vendorId);
  const scored = vendorCard?.probes.find((candidate) => candidate.probeId === probe.id);
  if (!scored) return null;
  return DIMENSIONS.map((dimension) => {
    const finding = scored.findings[dimension];
    const counted = finding.status === 'counted';
    return {
      dimension,
      label: h.t(`dimension.${dimension}`),
      points: counted ? h.fmt.score(scored.points[dimension]) : h.t(`probe.points.${finding.status}`),
      counted,
      explanation: explainFinding(finding, h),
    };
  });
}

/** A wait on us as the timeline shows it: from the vendor's info request to what ended it. */
export interface TimelineWait {
  open: boolean;
  start: string;
  end: string | null;
  /** "Waiting on us from Fri 20 Nov 2026, 18:30 to Sat 21 Nov 2026, 15:00 — 20.5 h". */
  text: string;
}

export interface TimelineItem {
  id: string;
  actor: 'vendor' | 'buyer';
  kind: string;
  kindLabel: string;
  time: string;
  at: string;
  elapsed: string;
  handler: string | null;
  note: string | null;
  depth: number | null;
  files: AttachmentItem[];
  /** The wait this event opened (a vendor info request), shown as a span from here. */
  wait: TimelineWait | null;
  /** Where the event stands in a wait: opens it, inside it, ends it, or outside any. */
  waitPart: 'start' | 'inside' | 'end' | null;
}

/** Each event's place in the waits, and the wait each opener starts, as of `asOfMs`. */
function waitsByEvent(probe: Probe, asOfMs: number, zone: string, h: Helpers) {
  const opened = new Map<string, TimelineWait>();
  const part = new Map<string, TimelineItem['waitPart']>();
  for (const wait of timelineWaits(probe, asOfMs)) {
    const start = new Date(wait.startMs).toISOString();
    const from = h.fmt.instant(start, zone);
    // Calendar time, like the "after" of every timeline row: how long the vendor actually waited.
    const duration = h.fmt.duration((wait.endMs - wait.startMs) / 60_000);
    const end = wait.open ? null : new Date(wait.endMs).toISOString();
    opened.set(wait.startEventId, {
      open: wait.open,
      start,
      end,
      text:
        end === null
          ? h.t('models.wait.open', { from, duration })
          : h.t('models.wait.closed', { from, to: h.fmt.instant(end, zone), duration }),
    });
    for (const event of probe.events) {
      const atMs = Date.parse(event.at);
      if (event.id === wait.startEventId) part.set(event.id, 'start');
      else if (event.id === wait.endEventId) part.set(event.id, 'end');
      else if (atMs >= wait.startMs && (wait.open || atMs <= wait.endMs) && !part.has(event.id))
        part.set(event.id, 'inside');
    }
  }
  return { opened, part };
}

/**
 * Events in recorded order, each with its local time and calendar time since the probe was
 * sent, and the waits on us (§4) as of the probe's `asOf` marked as spans across them.
 */
export function timeline(
  probe: Probe & { metrics: { asOf: string } },
  zone: string,
  h: Helpers,
): TimelineItem[] {
  const sentMs = Date.parse(probe.sentAt);
  const waits = waitsByEvent(probe, Date.parse(probe.metrics.asOf), zone, h);
  return probe.events.map((event) => ({
    id: event.id,
    actor: event.actor,
    kind: event.kind,
    kindLabel: h.t(`event.${event.kind}`),
    time: h.fmt.instant(event.at, zone),
    at: event.at,
    elapsed: h.fmt.duration((Date.parse(event.at) - sentMs) / 60_000),
    handler: event.handler === undefined ? null : h.t(`handler.${event.handler}`),
    note: event.note ?? null,
    depth: isVendorKind(event.kind) && event.kind !== 'auto_ack' ? VENDOR_EVENT_DEPTH[event.kind] : null,
    files: attachmentItems(event.attachments, h),
    wait: waits.opened.get(event.id) ?? null,
    waitPart: waits.part.get(event.id) ?? null,
  }));
}
