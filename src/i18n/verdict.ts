/**
 * The verdict in plain words (SPEC §5, "Verdict"), the same sentences on the dashboard and in
 * the comparison report. A leader with insufficient evidence is never given a percentage.
 */
import type { Evidence } from '../domain/certainty.js';
import type { Probe, Scenario } from '../domain/schemas.js';
import type { SettleStep, Verdict } from '../domain/verdict.js';
import type { Helpers } from './explain.js';

export interface VerdictVendor {
  vendorId: string;
  name: string;
  evidence: Evidence;
  countedProbes: number;
}

export interface VerdictWords {
  headline: string;
  detail: string | null;
}

/** The headline and one sentence of detail; `vendors` are the scorecard's entries. */
export function verdictWords(
  verdict: Pick<Verdict, 'status' | 'vendorId' | 'nextVendorId' | 'aheadOfNext'>,
  vendors: readonly VerdictVendor[],
  { t, fmt }: Helpers,
): VerdictWords {
  const leader = vendors.find((vendor) => vendor.vendorId === verdict.vendorId);
  const next = vendors.find((vendor) => vendor.vendorId === verdict.nextVendorId);
  if (verdict.status === 'none' || !leader) {
    return { headline: t('verdict.none'), detail: t('verdict.noneDetail') };
  }
  const names = { vendor: leader.name, next: next?.name ?? '', count: leader.countedProbes };
  const share = fmt.share(verdict.aheadOfNext);
  const thin = leader.evidence === 'insufficient';
  switch (verdict.status) {
    case 'clear':
      return {
        headline: t('verdict.clear', names),
        detail: next
          ? t('verdict.clearDetail', { ...names, share })
          : vendors.length > 1
            ? t('verdict.clearOnly', names)
            : null,
      };
    case 'leaning':
      return thin
        ? { headline: t('verdict.leaningThin', names), detail: null }
        : { headline: t('verdict.leaning', { ...names, share }), detail: null };
    case 'open':
      return {
        headline: t('verdict.open', names),
        detail: thin ? t('verdict.openThin', names) : t('verdict.openDetail', { ...names, share }),
      };
  }
}

export interface SettleLine {
  kind: 'send' | 'pending';
  text: string;
  vendorId: string;
  scenarioId: string | null;
  probeId: string | null;
}

/** Each step of the settle list as a sentence naming the vendor and the scenario or probe. */
export function settleLines(
  steps: readonly SettleStep[],
  records: {
    vendors: readonly { vendorId: string; name: string }[];
    scenarios: readonly Scenario[];
    probes: readonly Probe[];
  },
  { t }: Helpers,
): SettleLine[] {
  const vendorName = new Map(records.vendors.map((vendor) => [vendor.vendorId, vendor.name]));
  const scenarioTitle = new Map(records.scenarios.map((scenario) => [scenario.id, scenario.title]));
  const probeTitle = new Map(records.probes.map((probe) => [probe.id, probe.title]));
  return steps.map((step) => {
    const vendor = vendorName.get(step.vendorId) ?? step.vendorId;
    const scenarioId = step.scenarioId ?? null;
    const probeId = step.probeId ?? null;
    if (probeId !== null) {
      return {
        kind: 'pending',
        text: t('verdict.pending', { probe: probeTitle.get(probeId) ?? probeId, vendor }),
        vendorId: step.vendorId,
        scenarioId,
        probeId,
      };
    }
    const scenario = scenarioId === null ? '' : (scenarioTitle.get(scenarioId) ?? scenarioId);
    return {
      kind: 'send',
      text: t('verdict.send', { scenario, vendor }),
      vendorId: step.vendorId,
      scenarioId,
      probeId,
    };
  });
}
