/**
 * A realistic sample trial: four fictional RTC vendors with different SLA documents and
 * support behaviour — a solid one, one that answers fast but never goes deep, one that
 * bounces tickets between teams, and one with a strong SLA it does not keep.
 * Times are laid out relative to `now` so the trial always looks current.
 */
import { DateTime } from 'luxon';
import {
  DEFAULT_TARGETS,
  DEFAULT_WEIGHTS,
  NEWEST_MODEL,
  isVendorKind,
  TrialExportSchema,
  type BuyerEventKind,
  type SlaClauses,
  type TrialExport,
  type VendorEventKind,
} from '../domain/schemas.js';
import { insertEventInOrder } from '../domain/metrics.js';
import { SAMPLE_SCENARIOS, SAMPLE_VENDORS, type ScenarioKey } from './sampleStories.js';

export const SAMPLE_TIMEZONE = 'Asia/Shanghai';

/** When something happened: days after the anchor Monday two weeks back, at a local time; or minutes ago. */
export type When = [day: number, time: string] | { minutesAgo: number };
export type EventSpec = [
  when: When,
  kind: VendorEventKind | BuyerEventKind,
  note?: string,
  handler?: 'L1' | 'L2' | 'RnD' | 'CSM',
];

export interface ProbeStory {
  scenario: ScenarioKey;
  channel: 'hotline' | 'ticket' | 'im' | 'email' | 'csm';
  sentAt: When;
  vendorRef?: string;
  acceptedSeverity?: 'P0' | 'P1' | 'P2' | 'P3';
  ratings?: { depth?: number; communication?: number };
  events: EventSpec[];
}

export interface VendorStory {
  key: string;
  name: string;
  product: string;
  supportPlan?: { name: string; annualCost?: number; currency?: string };
  contact?: string;
  notes: string;
  supportHours?: { days: number[]; start: string; end: string };
  sla: SlaClauses;
  probes: ProbeStory[];
}

export function buildSampleTrial(now: Date, newId: (prefix: string) => string): TrialExport {
  const nowLocal = DateTime.fromJSDate(now, { zone: SAMPLE_TIMEZONE });
  const anchor = nowLocal.startOf('week').minus({ weeks: 2 });
  const instant = (when: When): string => {
    if (!Array.isArray(when)) return nowLocal.minus({ minutes: when.minutesAgo }).toUTC().toISO() ?? '';
    const [day, time] = when;
    const [hour = 0, minute = 0] = time.split(':').map(Number);
    return anchor.plus({ days: day }).set({ hour, minute }).toUTC().toISO() ?? '';
  };
  // The records are created now, when the sample is loaded; only the probes' story lies in the past.
  const created = now.toISOString();
  const trialId = newId('trial');

  const scenarios = Object.entries(SAMPLE_SCENARIOS).map(([key, scenario]) => ({
    key,
    record: { ...scenario, id: newId('scenario'), trialId, createdAt: created, updatedAt: created },
  }));
  const scenarioByKey = new Map(scenarios.map(({ key, record }) => [key, record]));
  const holidays = chineseHolidaysAround(nowLocal.year);

  const vendors = SAMPLE_VENDORS.map((story) => ({
    story,
    record: {
      id: newId('vendor'),
      trialId,
      name: story.name,
      product: story.product,
      supportPlan: story.supportPlan,
      contact: story.contact,
      notes: story.notes,
      supportHours: story.supportHours && { timezone: SAMPLE_TIMEZONE, ...story.supportHours, ...holidays },
      sla: story.sla,
      createdAt: created,
      updatedAt: created,
    },
  }));

  const probes = vendors.flatMap(({ story, record: vendor }) =>
    story.probes.map((probe) => {
      const scenario = scenarioByKey.get(probe.scenario);
      if (!scenario) throw new Error(`sample: unknown scenario ${probe.scenario}`);
      const sentAt = instant(probe.sentAt);
      const events = probe.events
        .map(([when, kind, note, handler]) => ({
          id: newId('event'),
          at: instant(when),
          actor: isVendorKind(kind) ? ('vendor' as const) : ('buyer' as const),
          kind,
          ...(note === undefined ? {} : { note }),
          ...(handler === undefined ? {} : { handler }),
        }))
        .reduce<TrialExport['probes'][number]['events']>(
          (ordered, event) => insertEventInOrder(ordered, event),
          [],
        );
      return {
        id: newId('probe'),
        trialId,
        vendorId: vendor.id,
        scenarioId: scenario.id,
        title: scenario.title,
        description: scenario.description,
        severity: scenario.severity,
        category: scenario.category,
        difficulty: scenario.difficulty,
        channel: probe.channel,
        sentAt,
        vendorRef: probe.vendorRef,
        acceptedSeverity: probe.acceptedSeverity,
        ratings: probe.ratings ?? {},
        events,
        createdAt: sentAt,
        updatedAt: events.at(-1)?.at ?? sentAt,
      };
    }),
  );

  return TrialExportSchema.parse({
    format: 'sla-probe-trial/1',
    trial: {
      id: trialId,
      name: 'RTC SDK selection (sample)',
      description:
        'Sample trial: four fictional real-time audio/video SDK vendors, probed with the same realistic problems. 示例评估：四家虚构的实时音视频厂商。',
      status: 'running',
      sample: true,
      timezone: SAMPLE_TIMEZONE,
      weights: DEFAULT_WEIGHTS,
      targets: DEFAULT_TARGETS,
      calendar: {
        timezone: SAMPLE_TIMEZONE,
        days: [1, 2, 3, 4, 5],
        start: '09:00',
        end: '18:00',
        ...holidays,
      },
      knockouts: {
        p0Coverage24x7: true,
        serviceCredits: false,
        escalationPath: true,
        maxP0ResponseMinutes: null,
      },
      model: NEWEST_MODEL,
      // The vendors' support plans are priced in yuan: the decision page compares them at once.
      currency: 'CNY',
      createdAt: created,
      updatedAt: created,
    },
    vendors: vendors.map(({ record }) => record),
    scenarios: scenarios.map(({ record }) => record),
    probes,
  });
}

/**
 * The mainland China National Day week with its make-up working days, for the given year:
 * a Chinese calendar is wrong without them. (Dates follow the usual pattern; the sample
 * does not claim to be an official schedule.)
 */
function chineseHolidaysAround(year: number): { holidays: string[]; extraWorkdays: string[] } {
  return {
    holidays: [1, 2, 3, 4, 5, 6, 7].map((day) => `${year}-10-0${day}`),
    extraWorkdays: [`${year}-09-27`, `${year}-10-10`],
  };
}
