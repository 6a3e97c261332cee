/**
 * Cost beside the score (SPEC §5.3): each vendor's support-plan cost brought into the trial
 * currency, its cost per overall point and the cheapest vendor that passes every gate.
 *
 * Cost is shown next to the ranking and never inside it: nothing here reads or changes a
 * score or a rank, it only reads them.
 *
 * Currency rules, decided here once for the page, the board and the reports:
 * - A cost without a currency is taken to be in the trial currency (it was typed into a
 *   trial that compares in that currency).
 * - A cost in the trial currency is used as is; in another ISO 4217 code with a rate in
 *   `exchangeRates`, it is converted (`amount × rate`).
 * - Anything else — a code without a rate, free text such as "元" or "RMB/yr", or any cost
 *   while the trial has no currency — is shown as entered and left out of comparisons.
 */
import { compareCodePoints } from './scoring/aggregate.js';

/** Why a vendor's cost cannot be compared with the others'. */
export type CostNotComparableReason =
  /** No support plan or no annual cost was entered. */
  | 'no_cost'
  /** The trial has no currency, so there is nothing to compare in. */
  | 'no_trial_currency'
  /** The currency was entered as text that is not an ISO 4217 code. */
  | 'not_a_currency'
  /** A currency code the trial has no exchange rate for. */
  | 'no_rate';

/** The cost as the user typed it, shown when it cannot be compared. */
export interface EnteredCost {
  amount: number;
  /** As entered (trimmed); null when no currency was given. */
  currency: string | null;
}

export interface VendorCost {
  vendorId: string;
  name: string;
  /** From the scorecard; read, never changed. */
  overall: number | null;
  disqualified: boolean;
  entered: EnteredCost | null;
  comparable: boolean;
  /** Null when comparable. */
  reason: CostNotComparableReason | null;
  /** The annual cost in the trial currency; null when not comparable. */
  annualCost: number | null;
  /** Annual cost divided by overall; null when not comparable or overall is null or 0. */
  costPerPoint: number | null;
  /** Whether this vendor is the cheapest one that passes every gate. */
  cheapestQualified: boolean;
}

export interface CostComparison {
  /** The trial currency every comparable cost is in; null when the trial has none. */
  currency: string | null;
  /** In the order the scorecard was given (its ranking). */
  vendors: VendorCost[];
  cheapestQualifiedVendorId: string | null;
}

/** What the cost figures read from the trial. */
export interface CostSettings {
  currency?: string | undefined;
  exchangeRates?: Readonly<Record<string, number>> | undefined;
}

/** What the cost figures read from a vendor. */
export interface CostedVendor {
  id: string;
  supportPlan?:
    { readonly annualCost?: number | undefined; readonly currency?: string | undefined } | undefined;
}

/** What the cost figures read from a scorecard entry. */
export interface ScoredVendor {
  vendorId: string;
  name: string;
  overall: number | null;
  disqualified: boolean;
}

const ISO_CODE = /^[A-Z]{3}$/;

type Conversion = { annualCost: number } | { reason: CostNotComparableReason };

/**
 * A cost in the trial currency, or why it has none. A blank currency means the trial
 * currency; codes are compared case-insensitively ("usd" is USD).
 */
export function convertCost(entered: EnteredCost | null, settings: CostSettings): Conversion {
  if (entered === null) return { reason: 'no_cost' };
  const trialCurrency = settings.currency;
  if (trialCurrency === undefined) return { reason: 'no_trial_currency' };
  if (entered.currency === null) return { annualCost: entered.amount };
  const code = entered.currency.toUpperCase();
  if (!ISO_CODE.test(code)) return { reason: 'not_a_currency' };
  if (code === trialCurrency) return { annualCost: entered.amount };
  const rate = settings.exchangeRates?.[code];
  if (rate === undefined || !Number.isFinite(rate) || rate <= 0) return { reason: 'no_rate' };
  return { annualCost: entered.amount * rate };
}

/** The vendor's cost as entered; null without a plan or an annual cost. */
export function enteredCost(vendor: CostedVendor): EnteredCost | null {
  const plan = vendor.supportPlan;
  if (plan?.annualCost === undefined) return null;
  const currency = plan.currency?.trim() ?? '';
  return { amount: plan.annualCost, currency: currency === '' ? null : currency };
}

/** Annual cost per overall point; null when either is missing or the overall is 0. */
export function costPerPoint(annualCost: number | null, overall: number | null): number | null {
  if (annualCost === null || overall === null || overall === 0) return null;
  return annualCost / overall;
}

/**
 * The cheapest vendor not disqualified among comparable costs; ties go to the name in plain
 * code-point order (the ranking's tie rule), then the id.
 */
export function cheapestQualified(costs: readonly VendorCost[]): VendorCost | null {
  let best: VendorCost | null = null;
  for (const cost of costs) {
    if (cost.disqualified || cost.annualCost === null) continue;
    if (best === null || isCheaper(cost, best)) best = cost;
  }
  return best;
}

function isCheaper(a: VendorCost, b: VendorCost): boolean {
  if (a.annualCost !== b.annualCost) return (a.annualCost ?? Infinity) < (b.annualCost ?? Infinity);
  const byName = compareCodePoints(a.name, b.name);
  return byName !== 0 ? byName < 0 : compareCodePoints(a.vendorId, b.vendorId) < 0;
}

/**
 * Every scored vendor's cost figures, in the scorecard's order. Vendors missing from
 * `vendors` are treated as having no cost.
 */
export function compareCosts(
  settings: CostSettings,
  vendors: readonly CostedVendor[],
  scored: readonly ScoredVendor[],
): CostComparison {
  const byId = new Map(vendors.map((vendor) => [vendor.id, vendor]));
  const costs = scored.map((card): VendorCost => {
    const vendor = byId.get(card.vendorId);
    const entered = vendor === undefined ? null : enteredCost(vendor);
    const conversion = convertCost(entered, settings);
    const annualCost = 'annualCost' in conversion ? conversion.annualCost : null;
    return {
      vendorId: card.vendorId,
      name: card.name,
      overall: card.overall,
      disqualified: card.disqualified,
      entered,
      comparable: annualCost !== null,
      reason: 'reason' in conversion ? conversion.reason : null,
      annualCost,
      costPerPoint: costPerPoint(annualCost, card.overall),
      cheapestQualified: false,
    };
  });
  const cheapest = cheapestQualified(costs);
  if (cheapest) cheapest.cheapestQualified = true;
  return {
    currency: settings.currency ?? null,
    vendors: costs,
    cheapestQualifiedVendorId: cheapest?.vendorId ?? null,
  };
}

/** One vendor on the cost-versus-score chart (SPEC §5.3): only comparable costs are drawn. */
export interface CostScorePoint {
  name: string;
  /** Annual cost in the trial currency. */
  annualCost: number;
  overall: number;
  /** Disqualified vendors are drawn hollow, so a cheap vendor that fails a gate does not look like a pick. */
  disqualified: boolean;
}

/** The chart's points: each vendor with a comparable cost and an overall score, in ranking order. */
export function costScorePoints(comparison: CostComparison): CostScorePoint[] {
  return comparison.vendors.flatMap(({ name, annualCost, overall, disqualified }) =>
    annualCost === null || overall === null ? [] : [{ name, annualCost, overall, disqualified }],
  );
}
