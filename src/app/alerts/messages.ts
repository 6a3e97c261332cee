/**
 * What an alert says (SPEC §9): one line in the language of the group or person it goes to,
 * times in the trial's time zone, and a link to the probe under PUBLIC_BASE_URL. The chat
 * channels reword the same message into their own formats; the `json` kind posts it as it is.
 */
import type { AlertMessage } from '../../domain/alerting.js';
import type { AlertTrigger } from '../../domain/alertTriggers.js';
import type { Probe, Trial, Vendor } from '../../domain/schemas.js';
import { formatDuration, formatTime } from '../../i18n/format.js';
import { translator, type Locale } from '../../i18n/index.js';

const MS_PER_MINUTE = 60_000;

/** The records an alert is about, as stored when it fired. */
export interface AlertSubject {
  trial: Trial;
  vendor: Vendor;
  probe: Probe;
}

/** The probe's page under the public base URL (a path alone when none is configured). */
export const probeUrl = (publicBaseUrl: string | undefined, probeId: string): string =>
  `${publicBaseUrl ?? ''}/probes/${encodeURIComponent(probeId)}`;

/** The message of a trigger in one language. */
export function alertMessage(
  trigger: AlertTrigger,
  { trial, vendor, probe }: AlertSubject,
  language: Locale,
  publicBaseUrl: string | undefined,
): AlertMessage {
  const t = translator(language);
  const duration = formatDuration(trigger.minutes, language);
  const limit = trigger.clock === 'business' ? t('alerts.limit.business', { duration }) : duration;
  // A wait's limit is wall-clock minutes, so the wait began exactly that long before it ran out.
  const since = new Date(Date.parse(trigger.at) - trigger.minutes * MS_PER_MINUTE).toISOString();
  const text = t(`alerts.text.${trigger.type}`, {
    severity: probe.severity,
    title: probe.title,
    vendor: vendor.name,
    target: t(`alerts.target.${trigger.target}`),
    limit,
    time: formatTime(trigger.at, trial.timezone, language),
    since: formatTime(since, trial.timezone, language),
  });
  return {
    type: trigger.type,
    trialId: trial.id,
    probeId: probe.id,
    vendorId: vendor.id,
    target: trigger.target,
    at: trigger.at,
    url: probeUrl(publicBaseUrl, probe.id),
    text,
  };
}
