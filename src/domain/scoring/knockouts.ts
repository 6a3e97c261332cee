import type { Knockouts, SlaClauses } from '../schemas.js';

export type KnockoutGate = 'p0Coverage24x7' | 'serviceCredits' | 'escalationPath' | 'maxP0ResponseMinutes';

/**
 * Gates a vendor must pass whatever its score. A gate that is switched on and not met
 * disqualifies the vendor; it is still ranked and shown, with the failed gates named.
 */
export function failedKnockouts(sla: SlaClauses, knockouts: Knockouts): KnockoutGate[] {
  const failed: KnockoutGate[] = [];
  const p0 = sla.responseTargets?.P0;
  if (knockouts.p0Coverage24x7 && p0?.coverage !== '24x7') failed.push('p0Coverage24x7');
  if (knockouts.serviceCredits && sla.serviceCredits?.offered !== true) failed.push('serviceCredits');
  if (knockouts.escalationPath && (sla.escalationPath ?? []).length === 0) failed.push('escalationPath');
  if (
    knockouts.maxP0ResponseMinutes !== null &&
    (p0 === undefined || p0.minutes > knockouts.maxP0ResponseMinutes)
  ) {
    failed.push('maxP0ResponseMinutes');
  }
  return failed;
}
