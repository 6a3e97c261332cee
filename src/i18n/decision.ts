/**
 * The decision page's figures in words, shared with the reports: costs as money in the trial
 * currency (or as entered when they cannot be compared) and each vendor's risks in sentences
 * made from the same explanations as "why this score".
 */
import type { CostComparison, VendorCost } from '../domain/cost.js';
import type { VendorRisks } from '../domain/risks.js';
import { explainFinding, type Helpers } from './explain.js';
import { numberFormat } from './format.js';
import type { Locale } from './index.js';

/** An amount in an ISO 4217 currency ("CN¥100,000" / "¥100,000.00"), whole units above 100. */
export function formatMoney(amount: number, currency: string, locale: Locale): string {
  const digits = Math.abs(amount) >= 100 ? 0 : 2;
  try {
    return numberFormat(locale, {
      style: 'currency',
      currency,
      maximumFractionDigits: digits,
      minimumFractionDigits: 0,
    }).format(amount);
  } catch {
    // Not a currency Intl knows: the number and the code as typed.
    return `${numberFormat(locale, { maximumFractionDigits: digits }).format(amount)} ${currency}`;
  }
}

export interface CostText {
  /** The annual cost in the trial currency, or as entered; "—" without one. */
  annualCost: string;
  /** Empty when comparable; otherwise why it is left out. */
  note: string;
  costPerPoint: string;
}

/** One vendor's cost figures as the page and the report print them. */
export function costText(cost: VendorCost, currency: string | null, { t, locale }: Helpers): CostText {
  const costPerPoint =
    cost.costPerPoint === null || currency === null
      ? t('empty.value')
      : formatMoney(cost.costPerPoint, currency, locale);
  if (cost.annualCost !== null && currency !== null) {
    return { annualCost: formatMoney(cost.annualCost, currency, locale), note: '', costPerPoint };
  }
  const entered = cost.entered;
  const annualCost =
    entered === null
      ? t('empty.value')
      : entered.currency === null
        ? numberFormat(locale, { maximumFractionDigits: 2 }).format(entered.amount)
        : `${numberFormat(locale, { maximumFractionDigits: 2 }).format(entered.amount)} ${entered.currency}`;
  const note =
    cost.reason === null ? '' : t(`decision.cost.reason.${cost.reason}`, { currency: currency ?? '' });
  return { annualCost, note, costPerPoint };
}

/** Every vendor's cost text, keyed by vendor id. */
export function costTexts(comparison: CostComparison, helpers: Helpers): Map<string, CostText> {
  return new Map(
    comparison.vendors.map((cost) => [cost.vendorId, costText(cost, comparison.currency, helpers)]),
  );
}

export interface RiskLine {
  kind: 'gate' | 'finding';
  /** What it is about: the gate's name, or the probe's title with its severity and dimension. */
  subject: string;
  /** Why it is a risk, in the words of the score's explanation. */
  text: string;
  probeId: string | null;
}

/** A vendor's risks in sentences: failed gates first, then its weakest findings. */
export function riskLines(risks: VendorRisks, helpers: Helpers): RiskLine[] {
  const { t, fmt } = helpers;
  const gates = risks.failedGates.map((gate): RiskLine => ({
    kind: 'gate',
    subject: t(`gate.${gate}`),
    text: t('decision.risk.gate'),
    probeId: null,
  }));
  const findings = risks.weakestFindings.map((weak): RiskLine => ({
    kind: 'finding',
    subject: t('decision.risk.subject', {
      title: weak.probeTitle,
      severity: weak.severity,
      dimension: t(`dimension.${weak.dimension}`),
      points: fmt.score(weak.points),
    }),
    text: explainFinding(weak.finding, helpers),
    probeId: weak.probeId,
  }));
  return [...gates, ...findings];
}
