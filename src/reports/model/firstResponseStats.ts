/**
 * First-response figures per vendor and severity, measured on the trial clock of each
 * severity (the clock its target runs on), as of the report's instant.
 */
import { deriveProbeMetrics } from '../../domain/metrics.js';
import { SEVERITIES, type Probe, type Severity, type Trial } from '../../domain/schemas.js';
import { createScoringContext } from '../../domain/scoring/context.js';

export interface FirstResponseStats {
  probes: number;
  answered: number;
  medianMinutes: number | null;
  worstMinutes: number | null;
  /** Replies later than the target, plus probes unanswered past it (or closed without a reply). */
  breaches: number;
  /** Probes the vendor accepted at a lower severity than ours. */
  downgrades: number;
}

export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

const severityRank = (severity: Severity) => SEVERITIES.indexOf(severity);

/** Figures of one vendor's probes (already limited to those sent by asOf), per severity. */
export function firstResponseStats(
  trial: Trial,
  probes: readonly Probe[],
  asOfMs: number,
): Record<Severity, FirstResponseStats> {
  const context = createScoringContext(trial, asOfMs);
  const result = {} as Record<Severity, FirstResponseStats>;
  for (const severity of SEVERITIES) {
    const clock = context.trialClock(severity);
    const target = trial.targets[severity].firstResponseMinutes;
    const minutes: number[] = [];
    let breaches = 0;
    let downgrades = 0;
    const ofSeverity = probes.filter((probe) => probe.severity === severity);
    for (const probe of ofSeverity) {
      const sentMs = Date.parse(probe.sentAt);
      const metrics = deriveProbeMetrics(probe, asOfMs);
      if (metrics.firstResponseAt !== null) {
        const taken = clock.minutesBetween(sentMs, Date.parse(metrics.firstResponseAt));
        minutes.push(taken);
        if (taken > target) breaches += 1;
      } else if (metrics.outcome !== 'open' || clock.minutesBetween(sentMs, asOfMs) > target) {
        breaches += 1;
      }
      if (probe.acceptedSeverity && severityRank(probe.acceptedSeverity) > severityRank(severity)) {
        downgrades += 1;
      }
    }
    minutes.sort((a, b) => a - b);
    result[severity] = {
      probes: ofSeverity.length,
      answered: minutes.length,
      medianMinutes: median(minutes),
      worstMinutes: minutes.at(-1) ?? null,
      breaches,
      downgrades,
    };
  }
  return result;
}
