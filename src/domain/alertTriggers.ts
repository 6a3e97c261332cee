/**
 * What the alerts fire on (SPEC §9), read off the live board's own rows (./slaBoard.ts) so an
 * alert never disagrees with the board: a probe at risk (over 75% of its time used) or
 * breached, against the trial's target or the vendor's own promise of the phase it is in; an
 * escalation request that is due; a vendor that has waited on us too long. Only open probes of
 * a trial that is not closed; each (probe, target, type) once. With no new events, moving
 * `asOf` forward only ever adds triggers and never moves one's `at`, so "fire once" is safe to
 * check at any interval, and a check that comes late still tells when the state began.
 */
import { alertKey, type AlertTarget, type AlertType } from './alerting.js';
import { deriveProbeMetrics } from './metrics.js';
import type { Probe, Trial, Vendor } from './schemas.js';
import { createScoringContext, type ScoringContext } from './scoring/context.js';
import {
  AT_RISK_SHARE,
  dueAfterWaits,
  pausesForWaits,
  slaBoard,
  type BoardMeasure,
  type BoardRow,
} from './slaBoard.js';

const MS_PER_MINUTE = 60_000;

export interface AlertTrigger {
  probeId: string;
  vendorId: string;
  type: AlertType;
  target: AlertTarget;
  /** When the state began: the instant 75% or 100% was used, the escalation point, the wait limit. */
  at: string;
  /**
   * The allowed time the state is about, for the message: the target's or the promise's
   * minutes, the escalation point's minutes on the resolution clock, the waiting limit.
   */
  minutes: number;
  /** The clock those minutes run on (the waiting limit is wall-clock time). */
  clock: BoardMeasure['clock'];
}

export interface TriggerRules {
  /** A vendor waiting on us longer than this (wall-clock minutes) alerts (`ALERT_WAITING_MINUTES`). */
  waitingMinutes: number;
}

export interface TrialSnapshot {
  trial: Trial;
  vendors: readonly Vendor[];
  probes: readonly Probe[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The at-risk and breached triggers of one measure of a row (none while it is ok). */
function measureTriggers(row: BoardRow, measure: BoardMeasure | null, target: AlertTarget): AlertTrigger[] {
  if (!measure || measure.status === 'ok') return [];
  const base = { probeId: row.probeId, vendorId: row.vendorId, target, minutes: measure.targetMinutes };
  const clock = measure.clock;
  // Breached implies at risk: both stay listed, so the list only grows as time passes.
  const triggers: AlertTrigger[] = [
    { ...base, clock, type: 'probe.at_risk', at: measure.atRiskAt ?? measure.dueAt ?? row.sentAt },
  ];
  if (measure.status === 'breached')
    triggers.push({ ...base, clock, type: 'probe.breached', at: measure.dueAt ?? row.sentAt });
  return triggers;
}

/**
 * The escalation point of an open probe on its resolution clock (the trial clock of its
 * severity; under `sla-score/2` waits on us stop it, as they stop the escalation score): the
 * vendor's first escalation-path level that names `afterMinutes` (its own word on when a
 * problem moves up), else 75% of the resolution target — the moment the board turns the
 * resolution at risk. Null when the severity has no escalation target, when we already asked,
 * or when neither gives a point.
 */
export function escalationPoint(
  context: ScoringContext,
  probe: Probe,
  vendor: Vendor,
  asOfMs: number,
): { atMs: number; minutes: number; clock: 'calendar' | 'business' } | null {
  const targets = context.trial.targets[probe.severity];
  if (targets.escalationMinutes === null) return null;
  const metrics = deriveProbeMetrics(probe, asOfMs);
  if (metrics.escalationRequestedAt !== null) return null;
  const vendorMinutes = vendor.sla.escalationPath?.find(
    (level) => level.afterMinutes !== undefined,
  )?.afterMinutes;
  const minutes =
    vendorMinutes ?? (targets.resolutionMinutes === null ? null : targets.resolutionMinutes * AT_RISK_SHARE);
  if (minutes === null) return null;
  const waits = pausesForWaits(context.model) ? metrics.waits : [];
  const atMs = dueAfterWaits(context.trialClock(probe.severity), Date.parse(probe.sentAt), minutes, waits);
  return Number.isFinite(atMs) ? { atMs, minutes, clock: targets.clock } : null;
}

/**
 * Every trigger of a trial as of `asOfMs`, in the order the states began. A closed trial is
 * frozen: nothing fires for it. A state counts once it is strictly past its limit, as the
 * board's statuses do: exactly 75% used is not yet at risk, exactly the waiting limit not yet
 * too long.
 */
export function alertTriggers(data: TrialSnapshot, asOfMs: number, rules: TriggerRules): AlertTrigger[] {
  if (data.trial.status === 'closed') return [];
  const context = createScoringContext(data.trial, asOfMs);
  const probes = new Map(data.probes.map((probe) => [probe.id, probe]));
  const vendors = new Map(data.vendors.map((vendor) => [vendor.id, vendor]));
  const triggers: AlertTrigger[] = [];
  for (const row of slaBoard(data, asOfMs)) {
    const inResponse = row.phase === 'response';
    triggers.push(
      ...measureTriggers(row, row.target, inResponse ? 'first_response' : 'resolution'),
      ...measureTriggers(row, row.promise, inResponse ? 'vendor_first_response' : 'vendor_resolution'),
    );
    const probe = probes.get(row.probeId);
    const vendor = vendors.get(row.vendorId);
    const point = probe && vendor ? escalationPoint(context, probe, vendor, asOfMs) : null;
    if (point && asOfMs > point.atMs) {
      triggers.push({
        probeId: row.probeId,
        vendorId: row.vendorId,
        type: 'escalation.due',
        target: 'escalation',
        at: iso(point.atMs),
        minutes: point.minutes,
        clock: point.clock,
      });
    }
    if (row.waitingSince !== null) {
      const limitMs = Date.parse(row.waitingSince) + rules.waitingMinutes * MS_PER_MINUTE;
      if (asOfMs > limitMs) {
        triggers.push({
          probeId: row.probeId,
          vendorId: row.vendorId,
          type: 'probe.waiting_on_us',
          target: 'our_answer',
          at: iso(limitMs),
          minutes: rules.waitingMinutes,
          clock: 'calendar',
        });
      }
    }
  }
  const keyOf = (trigger: AlertTrigger) => alertKey(trigger.probeId, trigger.target, trigger.type);
  return triggers.sort((a, b) => a.at.localeCompare(b.at) || keyOf(a).localeCompare(keyOf(b)));
}

/** The key its alert is stored under: one per probe, target and state. */
export const triggerKey = (trigger: AlertTrigger): string =>
  alertKey(trigger.probeId, trigger.target, trigger.type);
