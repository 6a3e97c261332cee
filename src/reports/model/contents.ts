/**
 * The table of contents, read off the sections the report really holds (so an entry can
 * never name a section by another title), and the section numbers of a scorecard.
 */
import { REPORT_SECTIONS } from '../request.js';
import type { ReportModel } from './types.js';

export type ReportParts = Pick<ReportModel, (typeof REPORT_SECTIONS)[number]>;

/** Each present section's title, in the report's order. */
export function contentsOf(parts: ReportParts): string[] {
  return REPORT_SECTIONS.flatMap((section) => {
    const part = parts[section];
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
  const summary = numbered(parts.summary);
  const charts = numbered(parts.charts);
  const firstResponse = numbered(parts.firstResponse);
  const clauses = numbered(parts.clauses);
  const vendors = numbered(parts.vendors);
  const methodology = numbered(parts.methodology);
  return {
    summary,
    charts,
    firstResponse,
    clauses,
    vendors: vendors && {
      ...vendors,
      vendors: vendors.vendors.map((vendor) => ({ ...vendor, title: vendors.title })),
    },
    methodology,
  };
}
