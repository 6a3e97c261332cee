/**
 * The order of a report's parts, the table of contents read off the parts it really holds (so
 * an entry can never name a section by another title), and the section numbers of a scorecard.
 */
import type { ReportModel } from './types.js';

/**
 * Every part after the cover, in the order it is drawn: the decision summary first, the
 * detail behind it, then the appendices (probe timelines, methodology, evidence files).
 */
export const PART_ORDER = [
  'decision',
  'summary',
  'charts',
  'firstResponse',
  'clauses',
  'diligence',
  'record',
  'vendors',
  'timelines',
  'methodology',
  'evidenceFiles',
] as const;

export type ReportParts = Pick<ReportModel, (typeof PART_ORDER)[number]>;

/** Each present part's title, in the report's order. */
export function contentsOf(parts: ReportParts): string[] {
  return PART_ORDER.flatMap((key) => {
    const part = parts[key];
    return part ? [part.title] : [];
  });
}

/**
 * "1. Scorecard summary", "2. Charts" …: a scorecard's headings carry the numbers its
 * contents give them. Its one vendor part is the section itself, so it takes the section's
 * heading rather than a rank-numbered one of its own.
 */
export function numberSections(parts: ReportParts): ReportParts {
  let number = 0;
  const numbered = <T extends { title: string }>(part: T | null): T | null => {
    if (!part) return null;
    number += 1;
    return { ...part, title: `${String(number)}. ${part.title}` };
  };
  const result = {} as Record<keyof ReportParts, unknown>;
  for (const key of PART_ORDER) result[key] = numbered(parts[key]);
  const vendors = result.vendors as ReportParts['vendors'];
  return {
    ...(result as ReportParts),
    vendors: vendors && {
      ...vendors,
      vendors: vendors.vendors.map((vendor) => ({ ...vendor, title: vendors.title })),
    },
  };
}
