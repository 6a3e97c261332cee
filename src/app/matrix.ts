/**
 * The scenario matrix (SPEC §6) as a page query: every scenario of a trial against every
 * vendor — which probes each vendor got for each scenario, and the pairs not sent yet.
 */
import { deriveProbeMetrics, type Outcome } from '../domain/metrics.js';
import type { Probe, Scenario, TrialExport, Vendor } from '../domain/schemas.js';
import { createScoringContext, type ScoringContext } from '../domain/scoring/context.js';
import type { AppDeps } from './deps.js';
import { exportTrial } from './trials.js';

/** Badge class per outcome; the badge always carries the outcome's name, colour only adds to it. */
const OUTCOME_BADGE: Record<Outcome, string> = {
  open: '',
  fixed: 'ok',
  workaround: 'risk',
  unresolved: 'bad',
};

export interface ProbeSummary {
  id: string;
  title: string;
  severity: Probe['severity'];
  sentAt: string;
  outcome: Outcome;
  badge: string;
  /** First human reply on the trial clock of the probe's severity, as the scores measure it. */
  firstResponseMinutes: number | null;
}

export interface MatrixCell {
  vendor: Vendor;
  probes: ProbeSummary[];
  /** The new-probe page, prefilled with this vendor and scenario. */
  sendUrl: string;
}

export interface MatrixRow {
  scenario: Scenario;
  cells: MatrixCell[];
  sentTo: number;
}

export interface MatrixColumn {
  vendor: Vendor;
  sent: number;
  /** Probes of this vendor that belong to no scenario of the trial. */
  adHoc: ProbeSummary[];
}

export interface Matrix {
  rows: MatrixRow[];
  columns: MatrixColumn[];
  /** Scenario × vendor pairs not sent yet. */
  gaps: number;
}

function summarise(probe: Probe, context: ScoringContext): ProbeSummary {
  const metrics = deriveProbeMetrics(probe, context.asOfMs);
  const firstResponseMinutes =
    metrics.firstResponseAt === null
      ? null
      : context
          .trialClock(probe.severity)
          .minutesBetween(Date.parse(probe.sentAt), Date.parse(metrics.firstResponseAt));
  return {
    id: probe.id,
    title: probe.title,
    severity: probe.severity,
    sentAt: probe.sentAt,
    outcome: metrics.outcome,
    badge: OUTCOME_BADGE[metrics.outcome],
    firstResponseMinutes,
  };
}

/** Scenarios × vendors: which probes each vendor got for each scenario, as of an instant. */
export function buildMatrix({ trial, vendors, scenarios, probes }: TrialExport, asOfMs: number): Matrix {
  const context = createScoringContext(trial, asOfMs);
  const scenarioIds = new Set(scenarios.map((scenario) => scenario.id));
  const pairKey = (vendorId: string, scenarioId: string) => JSON.stringify([vendorId, scenarioId]);
  const byPair = new Map<string, ProbeSummary[]>();
  const adHocByVendor = new Map<string, ProbeSummary[]>();
  const ordered = [...probes].sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
  for (const probe of ordered) {
    const summary = summarise(probe, context);
    const scenarioId = probe.scenarioId;
    const [map, key] =
      scenarioId !== undefined && scenarioIds.has(scenarioId)
        ? [byPair, pairKey(probe.vendorId, scenarioId)]
        : [adHocByVendor, probe.vendorId];
    map.set(key, [...(map.get(key) ?? []), summary]);
  }

  const trialPath = `/trials/${encodeURIComponent(trial.id)}`;
  const rows = scenarios.map((scenario) => {
    const cells = vendors.map((vendor) => ({
      vendor,
      probes: byPair.get(pairKey(vendor.id, scenario.id)) ?? [],
      sendUrl: `${trialPath}/probes/new?vendorId=${encodeURIComponent(vendor.id)}&scenarioId=${encodeURIComponent(scenario.id)}`,
    }));
    return { scenario, cells, sentTo: cells.filter((cell) => cell.probes.length > 0).length };
  });
  const columns = vendors.map((vendor, index) => ({
    vendor,
    sent: rows.filter((row) => (row.cells[index]?.probes.length ?? 0) > 0).length,
    adHoc: adHocByVendor.get(vendor.id) ?? [],
  }));
  const gaps = rows.reduce((sum, row) => sum + row.cells.length - row.sentTo, 0);
  return { rows, columns, gaps };
}

/** The matrix of one trial now, with the trial's data for the rest of the page. */
export async function scenarioMatrix(deps: AppDeps, trialId: string) {
  const data = await exportTrial(deps, trialId);
  return { data, matrix: buildMatrix(data, deps.now().getTime()) };
}
