/**
 * The trial as the four tables procurement asks for (SPEC §8): the scorecard, one row per probe,
 * one row per event, one row per vendor's SLA clauses. Pure: the data, its scorecard and the
 * reader's language in, tables out.
 */
import { deriveProbeMetrics } from '../../domain/metrics.js';
import { DIMENSIONS, SEVERITIES, type Probe, type TrialExport, type Vendor } from '../../domain/schemas.js';
import type { Scorecard } from '../../domain/scoring/scorecard.js';
import type { Translate } from '../../i18n/index.js';
import { localTime, type Cell, type Column, type Table, type TableName } from './table.js';

export interface SpreadsheetInput {
  data: TrialExport;
  /** The scorecard as the API presents it (scores to 2 decimals, shares to 4). */
  card: Scorecard;
  asOfMs: number;
  t: Translate;
}

const SCORE = '0.00';
const SHARE = '0%';

const yesNo = (value: boolean | undefined, t: Translate): Cell =>
  value === undefined ? null : t(value ? 'sheet.yes' : 'sheet.no');

const inZone = (t: Translate, key: string, zone: string): Column => ({
  header: t('sheet.inZone', { column: t(key), zone }),
});

function scorecardTable({ card, t }: SpreadsheetInput): Table {
  const columns: Column[] = [
    { header: t('sheet.rank'), numberFormat: '0' },
    { header: t('sheet.vendor') },
    { header: t('term.overall'), numberFormat: SCORE },
    ...DIMENSIONS.map((dimension) => ({ header: t(`dimension.${dimension}`), numberFormat: SCORE })),
    { header: t('sheet.intervalLow'), numberFormat: SCORE },
    { header: t('sheet.intervalHigh'), numberFormat: SCORE },
    { header: t('term.winShare'), numberFormat: SHARE },
    { header: t('sheet.countedProbes'), numberFormat: '0' },
    { header: t('term.disqualified') },
    { header: t('sheet.failedGates') },
  ];
  const rows = card.vendors.map((vendor): Cell[] => {
    // With too few probes the certainty figures are withheld, as on every page and report.
    const certain = vendor.evidence !== 'insufficient';
    return [
      vendor.rank,
      vendor.name,
      vendor.overall,
      ...DIMENSIONS.map((dimension) => vendor.dimensions[dimension].score),
      certain ? (vendor.interval?.low ?? null) : null,
      certain ? (vendor.interval?.high ?? null) : null,
      certain ? vendor.winShare : null,
      vendor.countedProbes,
      yesNo(vendor.disqualified, t),
      vendor.failedGates.map((gate) => t(`gate.${gate}`)).join('; '),
    ];
  });
  return { name: 'scorecard', title: t('sheet.scorecard'), columns, rows };
}

/** Probes vendor by vendor in rank order, each vendor's in the order they were sent. */
function probesInOrder({ data, card }: SpreadsheetInput): { probe: Probe; vendor: Vendor }[] {
  const rankOf = new Map(card.vendors.map((vendor) => [vendor.vendorId, vendor.rank]));
  const vendorOf = new Map(data.vendors.map((vendor) => [vendor.id, vendor]));
  return data.probes
    .flatMap((probe) => {
      const vendor = vendorOf.get(probe.vendorId);
      return vendor ? [{ probe, vendor }] : [];
    })
    .sort(
      (a, b) =>
        (rankOf.get(a.vendor.id) ?? Infinity) - (rankOf.get(b.vendor.id) ?? Infinity) ||
        a.vendor.name.localeCompare(b.vendor.name) ||
        Date.parse(a.probe.sentAt) - Date.parse(b.probe.sentAt),
    );
}

function probesTable(input: SpreadsheetInput): Table {
  const { data, card, asOfMs, t } = input;
  const zone = data.trial.timezone;
  const pointsOf = new Map(card.vendors.flatMap((vendor) => vendor.probes.map((p) => [p.probeId, p.points])));
  const columns: Column[] = [
    { header: t('sheet.vendor') },
    { header: t('sheet.title') },
    { header: t('sheet.severity') },
    { header: t('sheet.category') },
    { header: t('sheet.difficulty') },
    { header: t('sheet.channel') },
    inZone(t, 'sheet.sent', zone),
    { header: t('sheet.vendorRef') },
    inZone(t, 'sheet.firstResponse', zone),
    { header: t('sheet.outcome') },
    { header: t('sheet.depth'), numberFormat: '0' },
    ...DIMENSIONS.map((dimension) => ({
      header: t('sheet.points', { dimension: t(`dimension.${dimension}`) }),
      numberFormat: SCORE,
    })),
  ];
  const rows = probesInOrder(input).map(({ probe, vendor }): Cell[] => {
    const metrics = deriveProbeMetrics(probe, asOfMs);
    const points = pointsOf.get(probe.id);
    return [
      vendor.name,
      probe.title,
      probe.severity,
      t(`category.${probe.category}`),
      t(`difficulty.${probe.difficulty}`),
      t(`channel.${probe.channel}`),
      localTime(probe.sentAt, zone),
      probe.vendorRef ?? null,
      localTime(metrics.firstResponseAt, zone),
      t(`outcome.${metrics.outcome}`),
      probe.ratings.depth ?? metrics.depth,
      ...DIMENSIONS.map((dimension) => points?.[dimension] ?? null),
    ];
  });
  return { name: 'probes', title: t('sheet.probes'), columns, rows };
}

function eventsTable(input: SpreadsheetInput): Table {
  const { data, t } = input;
  const zone = data.trial.timezone;
  const columns: Column[] = [
    { header: t('sheet.probe') },
    { header: t('sheet.vendor') },
    inZone(t, 'sheet.time', zone),
    { header: t('sheet.actor') },
    { header: t('sheet.kind') },
    { header: t('sheet.handler') },
    { header: t('sheet.note') },
  ];
  const rows = probesInOrder(input).flatMap(({ probe, vendor }) =>
    probe.events.map((event): Cell[] => [
      probe.title,
      vendor.name,
      localTime(event.at, zone),
      t(`actor.${event.actor}`),
      t(`event.${event.kind}`),
      event.handler ? t(`handler.${event.handler}`) : null,
      event.note ?? null,
    ]),
  );
  return { name: 'events', title: t('sheet.events'), columns, rows };
}

const CHANNELS = ['hotline24x7', 'ticketPortal', 'imGroup', 'email', 'dedicatedCsm'] as const;

function clausesTable({ data, t }: SpreadsheetInput): Table {
  const zone = data.trial.timezone;
  const minutes = (key: string, severity: string): Column => ({
    header: t('sheet.minutes', { column: t(key, { severity }) }),
    numberFormat: '0',
  });
  const columns: Column[] = [
    { header: t('sheet.vendor') },
    { header: t('sheet.document') },
    { header: t('sheet.version') },
    inZone(t, 'sheet.received', zone),
    { header: t('sheet.severityDefinitions') },
    ...SEVERITIES.flatMap((severity) => [
      minutes('sheet.response', severity),
      { header: t('sheet.coverage', { severity }) },
    ]),
    ...SEVERITIES.map((severity) => minutes('sheet.resolution', severity)),
    ...SEVERITIES.map((severity) => minutes('sheet.cadence', severity)),
    { header: t('sheet.escalationPath') },
    { header: t('sheet.serviceCredits') },
    { header: t('sheet.creditTerms') },
    { header: t('sheet.channels') },
    { header: t('sheet.proactiveReports') },
    { header: t('sheet.rcaCommitment') },
  ];
  const rows = data.vendors.map(({ name, sla }): Cell[] => [
    name,
    sla.source?.document ?? null,
    sla.source?.version ?? null,
    localTime(sla.source?.receivedAt, zone),
    yesNo(sla.severityDefinitions, t),
    ...SEVERITIES.flatMap((severity) => {
      const promise = sla.responseTargets?.[severity];
      return [promise?.minutes ?? null, promise ? t(`coverage.${promise.coverage}`) : null];
    }),
    ...SEVERITIES.map((severity) => sla.resolutionTargets?.[severity]?.minutes ?? null),
    ...SEVERITIES.map((severity) => sla.updateCadence?.[severity]?.minutes ?? null),
    sla.escalationPath?.map((level) => level.level).join(' → ') || null,
    yesNo(sla.serviceCredits?.offered, t),
    sla.serviceCredits?.terms ?? null,
    CHANNELS.filter((channel) => sla.channels?.[channel])
      .map((channel) => t(`vendor.channel.${channel}`))
      .join('; ') || null,
    yesNo(sla.proactiveReports, t),
    yesNo(sla.rcaCommitment, t),
  ]);
  return { name: 'clauses', title: t('sheet.clauses'), columns, rows };
}

const BUILDERS: Record<TableName, (input: SpreadsheetInput) => Table> = {
  scorecard: scorecardTable,
  probes: probesTable,
  events: eventsTable,
  clauses: clausesTable,
};

/** One table of the trial. */
export function buildTable(name: TableName, input: SpreadsheetInput): Table {
  return BUILDERS[name](input);
}

/** Every table, in the workbook's sheet order. */
export function buildTables(input: SpreadsheetInput): Table[] {
  return (Object.keys(BUILDERS) as TableName[]).map((name) => BUILDERS[name](input));
}
