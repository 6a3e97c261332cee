import { BusinessClock, CALENDAR_CLOCK, type SlaClock } from '../time.js';
import type { ScoringModel, Severity, Trial, Vendor } from '../schemas.js';
import { effectiveSpan, type Wait } from '../waits.js';

/** Weight of each severity in every "weighted mean" of sla-score/1. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { P0: 4, P1: 3, P2: 2, P3: 1 };

/**
 * A duration used by resolution or escalation: its minutes on the severity's trial clock, and
 * under `sla-score/2` the minutes of waiting on us left out of them (null under `sla-score/1`,
 * which does not look at waits).
 */
export interface MeasuredSpan {
  minutes: number;
  waitedMinutes: number | null;
}

/** What every rule needs to measure one trial as of one instant; clocks built once and shared. */
export interface ScoringContext {
  trial: Trial;
  /** The trial's scoring model (SPEC §5): it decides whether waiting on us counts. */
  model: ScoringModel;
  asOfMs: number;
  trialBusinessClock: BusinessClock;
  /** The clock of a severity in the trial targets ("trial clock"). */
  trialClock(severity: Severity): SlaClock;
  /** The vendor's support hours, or the trial calendar when it has none. */
  vendorBusinessClock(vendor: Vendor): BusinessClock;
  /**
   * Minutes between two instants on the severity's trial clock for the resolution and
   * escalation rules: plain under `sla-score/1`, effective (waits left out, §5.2) under
   * `sla-score/2`.
   */
  spanMinutes(severity: Severity, fromMs: number, toMs: number, waits: readonly Wait[]): MeasuredSpan;
}

export function createScoringContext(trial: Trial, asOfMs: number): ScoringContext {
  const trialBusinessClock = new BusinessClock(trial.calendar);
  const vendorClocks = new Map<string, BusinessClock>();
  const trialClock = (severity: Severity): SlaClock =>
    trial.targets[severity].clock === 'calendar' ? CALENDAR_CLOCK : trialBusinessClock;
  return {
    trial,
    model: trial.model,
    asOfMs,
    trialBusinessClock,
    trialClock,
    spanMinutes(severity, fromMs, toMs, waits) {
      const clock = trialClock(severity);
      if (trial.model === 'sla-score/1')
        return { minutes: clock.minutesBetween(fromMs, toMs), waitedMinutes: null };
      return effectiveSpan(clock, fromMs, toMs, waits);
    },
    vendorBusinessClock(vendor) {
      if (!vendor.supportHours) return trialBusinessClock;
      let clock = vendorClocks.get(vendor.id);
      if (!clock) {
        clock = new BusinessClock(vendor.supportHours);
        vendorClocks.set(vendor.id, clock);
      }
      return clock;
    },
  };
}
