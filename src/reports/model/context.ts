/**
 * What every part of the report model needs: the scorecard as of the report's instant, the
 * trial's records, and the reader's language (translator and formatters) with the number
 * formats of the PDF.
 */
import { DateTime } from 'luxon';
import type { Probe, Severity, TrialExport, Vendor } from '../../domain/schemas.js';
import { computeScorecard, type Scorecard, type VendorScorecard } from '../../domain/scoring/scorecard.js';
import { translator, type Translate } from '../../i18n/index.js';
import { formattersFor, numberFormat, type Formatters } from '../../i18n/format.js';
import type { Helpers } from '../../i18n/explain.js';
import type { ReportRequest } from '../request.js';
import { firstResponseStats, type FirstResponseStats } from './firstResponseStats.js';
import { instantFormatter } from './instantFormat.js';

export interface ReportContext extends Helpers {
  request: ReportRequest;
  data: TrialExport;
  card: Scorecard;
  /** The vendors the report covers, in rank order: all of them, or the one of a scorecard. */
  vendors: VendorScorecard[];
  vendorRecord: (vendorId: string) => Vendor | undefined;
  probeRecord: (probeId: string) => Probe | undefined;
  /** First-response figures of a vendor (worked out once, shared by the table and the chart). */
  firstResponseOf: (vendorId: string) => Record<Severity, FirstResponseStats>;
  /** The trial's time zone: every instant in the report is printed in it. */
  zone: string;
  asOfIso: string;
  /** A score with one decimal, as the pages show it (the shared formatter). */
  score: (value: number | null | undefined) => string;
  /** A weight or share as a percentage with at most one decimal. */
  weight: (value: number) => string;
  list: (items: readonly string[]) => string;
  /** Yes, no, or "not stated" for a clause the SLA does not mention. */
  yesNo: (value: boolean | undefined) => string;
}

/**
 * A score as the pages show it. Made out here rather than inline below: a function made in
 * createReportContext shares its scope with the trial's records there, and would keep them
 * alive for as long as it is kept (the timeline appendix keeps it until its last probe).
 */
function scoreFormat(fmt: Formatters): ReportContext['score'] {
  return (value) => (typeof value === 'number' && !Number.isFinite(value) ? '—' : fmt.score(value));
}

export function createReportContext(request: ReportRequest): ReportContext {
  const { data, locale } = request;
  const t: Translate = translator(locale);
  // Instants through a per-zone offset table: a report prints thousands of them.
  const fmt: Formatters = { ...formattersFor(locale), instant: instantFormatter(locale) };
  const card = computeScorecard(data, request.asOfMs);
  const vendors =
    request.kind === 'vendor' ? card.vendors.filter((v) => v.vendorId === request.vendorId) : card.vendors;
  if (request.kind === 'vendor' && vendors.length === 0) {
    throw new Error(`report: vendor ${request.vendorId ?? '(none)'} is not in trial ${data.trial.id}`);
  }
  const percent = numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const vendorById = new Map(data.vendors.map((vendor) => [vendor.id, vendor]));
  const probeById = new Map(data.probes.map((probe) => [probe.id, probe]));
  const statsByVendor = new Map<string, Record<Severity, FirstResponseStats>>();
  const firstResponseOf = (vendorId: string) => {
    let stats = statsByVendor.get(vendorId);
    if (!stats) {
      const sent = data.probes.filter(
        (probe) => probe.vendorId === vendorId && Date.parse(probe.sentAt) <= request.asOfMs,
      );
      stats = firstResponseStats(data.trial, sent, request.asOfMs);
      statsByVendor.set(vendorId, stats);
    }
    return stats;
  };
  return {
    t,
    fmt,
    locale,
    request,
    data,
    card,
    vendors,
    vendorRecord: (id) => vendorById.get(id),
    probeRecord: (id) => probeById.get(id),
    firstResponseOf,
    zone: data.trial.timezone,
    asOfIso: new Date(request.asOfMs).toISOString(),
    score: scoreFormat(fmt),
    weight: (value) => percent.format(value),
    list: (items) => (items.length === 0 ? '—' : items.join(t('list.separator'))),
    yesNo: (value) => t(value === undefined ? 'report.notStated' : value ? 'report.yes' : 'report.no'),
  };
}

/** "+08:00": the offset of the trial's zone at an instant, so readers abroad can convert. */
export function utcOffset(zone: string, atMs: number): string {
  return DateTime.fromMillis(atMs, { zone }).toFormat('ZZ');
}
