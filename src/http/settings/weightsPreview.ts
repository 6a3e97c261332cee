import { z } from 'zod';
import { parseInput } from '../../app/parse.js';
import { DIMENSIONS, type Dimension, type Weights } from '../../domain/schemas.js';
import { round } from '../../domain/scoring/finding.js';
import { optionalNumber, optionalText } from '../web/forms.js';

/**
 * A percentage typed by a person: "25", "25%", "25,5 %" (also the full-width ％). Returns the
 * number of percent, undefined when empty, or the text itself when unreadable.
 */
export function parsePercent(value: string | undefined): number | string | undefined {
  const text = optionalText(value);
  return text === undefined ? undefined : optionalNumber(text.replace(/\s*[%％]$/, ''));
}

/** A weight shown in a form: the stored fraction as percent, without float noise (0.35 → "35"). */
export const percentInput = (fraction: number): string => String(round(fraction * 100, 4));

const PercentSchema = z.preprocess(
  (value) => (typeof value === 'string' ? parsePercent(value) : value),
  z.number().nonnegative().max(1_000_000),
);

/**
 * `?responsiveness=&resolution=&escalation=&commitment=` in percent (any scale: they are
 * normalised, so a half-typed set of weights still previews).
 */
const PreviewQuerySchema = z
  .object({
    responsiveness: PercentSchema,
    resolution: PercentSchema,
    escalation: PercentSchema,
    commitment: PercentSchema,
  })
  .refine((w) => w.responsiveness + w.resolution + w.escalation + w.commitment > 0, {
    message: 'at least one weight must be above 0',
  });

export interface PreviewWeights {
  /** What was typed, in percent. */
  typedTotal: number;
  /** The typed weights scaled to sum to 1. */
  weights: Weights;
}

function scale(percent: Record<Dimension, number>, total: number): PreviewWeights {
  const weights = Object.fromEntries(DIMENSIONS.map((d) => [d, percent[d] / total])) as Weights;
  return { typedTotal: total, weights };
}

const totalOf = (percent: Record<Dimension, number>): number =>
  DIMENSIONS.reduce((sum, dimension) => sum + percent[dimension], 0);

/** The preview query, parsed at the edge; a 400 names the unreadable weight. */
export function parsePreviewQuery(query: unknown): PreviewWeights {
  const percent = parseInput(PreviewQuerySchema, query);
  return scale(percent, totalOf(percent));
}

/** Weights typed in the form, normalised; null while any is unreadable, negative, or all are zero. */
export function typedWeights(typed: Record<Dimension, number | string | undefined>): PreviewWeights | null {
  const percent = {} as Record<Dimension, number>;
  for (const dimension of DIMENSIONS) {
    const value = typed[dimension];
    if (typeof value !== 'number' || value < 0) return null;
    percent[dimension] = value;
  }
  const total = totalOf(percent);
  return total > 0 ? scale(percent, total) : null;
}
