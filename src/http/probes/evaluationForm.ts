/** The probe page's own-rating form: what it shows, and the body it sends to the use case. */
import type { Evaluation } from '../../domain/schemas.js';
import { optionalNumber } from '../web/forms.js';

/** The form filled with the caller's stored rating, or empty before they have rated. */
export function evaluationValues(mine: Evaluation | undefined): Record<string, string> {
  return {
    depth: mine?.depth === undefined ? '' : String(mine.depth),
    communication: mine?.communication === undefined ? '' : String(mine.communication),
    note: mine?.note ?? '',
  };
}

/** The whole rating is sent: an empty choice leaves that part out (a rating replaces the last one). */
export function evaluationBody(values: Record<string, string>) {
  return {
    depth: optionalNumber(values['depth']),
    communication: optionalNumber(values['communication']),
    note: values['note'] ?? '',
  };
}

/** Field messages keyed apart from the page's other forms (their fields share names like "note"). */
export function evaluationErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([key, message]) => [key === '_form' ? key : `evaluation.${key}`, message]),
  );
}
