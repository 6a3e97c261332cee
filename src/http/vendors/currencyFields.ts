/**
 * The trial currency and exchange rates in the settings' general form (SPEC §5.3): rates are
 * typed one a line, "USD = 7.2" (also "USD 7.2" or "USD: 7,2"), and stored as
 * `{USD: 7.2}`; an emptied field clears them.
 */
import type { TrialPatch } from '../../app/trials.js';
import type { Trial } from '../../domain/schemas.js';

type Fields = Record<string, string>;

const RATE_LINE = /^([A-Za-z]{3})\s*[=:：\s]\s*([0-9]+(?:[.,][0-9]+)?)$/;

/** The stored currency and rates as the form shows them. */
export function currencyValues(trial: Trial): Fields {
  return {
    currency: trial.currency ?? '',
    exchangeRates: Object.entries(trial.exchangeRates ?? {})
      .map(([code, rate]) => `${code} = ${rate}`)
      .join('\n'),
  };
}

export interface CurrencyInput {
  patch: Pick<TrialPatch, 'currency' | 'exchangeRates'>;
  /** Set when a rate line cannot be read: the message key for the field. */
  unreadable: Record<string, string>;
}

/** The form's currency fields as a patch; fields the form did not send are left alone. */
export function currencyInput(fields: Fields): CurrencyInput {
  const patch: CurrencyInput['patch'] = {};
  const unreadable: Record<string, string> = {};
  if (fields['currency'] !== undefined) {
    const currency = fields['currency'].trim();
    patch.currency = currency === '' ? null : currency;
  }
  const text = fields['exchangeRates'];
  if (text !== undefined) {
    const rates: Record<string, number> = {};
    for (const line of text.split(/\r?\n/).map((entry) => entry.trim())) {
      if (line === '') continue;
      const match = RATE_LINE.exec(line);
      if (!match?.[1] || !match[2]) {
        // Kept as an invalid rate, so the trial is not saved and the line is named.
        unreadable['exchangeRates'] = 'settings.general.exchangeRatesUnreadable';
        rates[line] = Number.NaN;
        continue;
      }
      rates[match[1].toUpperCase()] = Number(match[2].replace(',', '.'));
    }
    patch.exchangeRates = Object.keys(rates).length === 0 ? null : rates;
  }
  return { patch, unreadable };
}

/** An issue about one rate (`exchangeRates.USD`) is shown beside the whole field. */
export function currencyErrors(shown: Record<string, string>): Record<string, string> {
  // A message about the whole field (an unreadable line) says more than one about a rate.
  const moved: Record<string, string> =
    shown['exchangeRates'] === undefined ? {} : { exchangeRates: shown['exchangeRates'] };
  for (const [path, message] of Object.entries(shown)) {
    const field = path.startsWith('exchangeRates.') ? 'exchangeRates' : path;
    moved[field] ??= field === path ? message : `${path.slice('exchangeRates.'.length)}: ${message}`;
  }
  return moved;
}
