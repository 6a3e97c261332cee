import { BusinessClock, CALENDAR_CLOCK, type SlaClock } from '../time.js';
import type { Severity, Trial, Vendor } from '../schemas.js';

/** Weight of each severity in every "weighted mean" of sla-score/1. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { P0: 4, P1: 3, P2: 2, P3: 1 };

/** What every rule needs to measure one trial as of one instant; clocks built once and shared. */
export interface ScoringContext {
  trial: Trial;
  asOfMs: number;
  trialBusinessClock: BusinessClock;
  /** The clock of a severity in the trial targets ("trial clock"). */
  trialClock(severity: Severity): SlaClock;
  /** The vendor's support hours, or the trial calendar when it has none. */
  vendorBusinessClock(vendor: Vendor): BusinessClock;
}

export function createScoringContext(trial: Trial, asOfMs: number): ScoringContext {
  const trialBusinessClock = new BusinessClock(trial.calendar);
  const vendorClocks = new Map<string, BusinessClock>();
  return {
    trial,
    asOfMs,
    trialBusinessClock,
    trialClock: (severity) =>
      trial.targets[severity].clock === 'calendar' ? CALENDAR_CLOCK : trialBusinessClock,
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
