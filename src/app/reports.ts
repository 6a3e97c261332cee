import { z } from 'zod';
import type { TrialExport } from '../domain/schemas.js';
import { LOCALES } from '../i18n/index.js';
import { REPORT_SECTIONS, type ReportRequest, type ReportSection } from '../reports/request.js';
import type { AppDeps } from './deps.js';
import { parseInput } from './parse.js';
import { AsOfQuerySchema } from './scorecard.js';
import { cachedScorecard, pageAsOf } from './scorecardCache.js';
import { exportTrial } from './trials.js';
import { getVendor } from './vendors.js';

/** The sections a report can hold, in order (for the report page's choices). */
export { REPORT_SECTIONS };

const isSection = (name: string): name is ReportSection =>
  (REPORT_SECTIONS as readonly string[]).includes(name);

/**
 * `?sections=` as a comma list, or repeated the way a form's checkboxes send it; left out means
 * every section. Reported at `sections` itself, since that is the parameter a caller wrote.
 */
const SectionsSchema = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value, context) => {
    if (value === undefined) return undefined;
    const names = [value]
      .flat()
      .flatMap((part) => part.split(','))
      .map((name) => name.trim())
      .filter((name) => name !== '');
    const unknown = names.filter((name) => !isSection(name));
    if (names.length === 0 || unknown.length > 0) {
      const what = names.length === 0 ? 'no section named' : `unknown section ${unknown.join(', ')}`;
      context.addIssue({ code: 'custom', message: `${what}; choose from ${REPORT_SECTIONS.join(', ')}` });
      return z.NEVER;
    }
    return REPORT_SECTIONS.filter((section) => names.includes(section));
  });

export const ReportQuerySchema = z.object({
  lang: z.enum(LOCALES).default('en'),
  // The report form sends its as-of field even when left empty, which means "now".
  asOf: z.preprocess((value) => (value === '' ? undefined : value), AsOfQuerySchema.shape.asOf),
  sections: SectionsSchema,
});

/** A built PDF and the name to save it under. */
export interface ReportFile {
  pdf: Uint8Array;
  filename: string;
  /** Printable ASCII, for clients that cannot read a UTF-8 file name. */
  asciiFilename: string;
}

/** A lone surrogate cannot be percent-encoded for the download header. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NOT_IN_FILE_NAMES = /[\\/:*?"<>|\p{Cc}]+/gu;
const MAX_NAME_LENGTH = 100;

/**
 * The download's name: the trial or vendor name made safe (no path separators, control
 * characters or leading dots, so it stays inside the download folder), then what and which language.
 */
export function reportFileName(name: string, kind: 'report' | 'scorecard', locale: string): string {
  return downloadFileName(name, [kind, locale], 'pdf');
}

/** `<name made safe> - <what> - <…>.<extension>`, for every download named after a trial or vendor. */
export function downloadFileName(name: string, parts: readonly string[], extension: string): string {
  const safe = name
    .slice(0, MAX_NAME_LENGTH)
    .replace(LONE_SURROGATE, '\uFFFD') // also the half of a pair the cut may leave
    .replace(NOT_IN_FILE_NAMES, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .trim();
  return `${[safe, ...parts].filter((part) => part !== '').join(' - ')}.${extension}`;
}

/** The plain name beside a UTF-8 one: what the report is, of which trial or vendor (ids are URL-safe ASCII), in which language. */
export function asciiReportFileName(id: string, kind: 'report' | 'scorecard', locale: string): string {
  return `sla-probe-${kind}-${id}-${locale}.pdf`;
}

type ReportQuery = z.output<typeof ReportQuerySchema>;

/**
 * The names of the people the decision record names (who recorded it, the approvers): the
 * report prints names, the trial's export only user ids. Only those people, nobody else.
 */
export async function peopleOfDecision(deps: AppDeps, data: TrialExport): Promise<Record<string, string>> {
  const decision = data.trial.decision;
  if (!decision) return {};
  const ids = new Set([decision.decidedBy, ...decision.approvers, ...decision.approvals.map((a) => a.by)]);
  const users = await deps.repository.listUsers();
  return Object.fromEntries(
    users.filter((user) => ids.has(user.id)).map((user) => [user.id, user.name?.trim() || user.email]),
  );
}

async function reportRequest(
  deps: AppDeps,
  data: TrialExport,
  { lang, asOf, sections }: ReportQuery,
  target: { kind: 'comparison' } | { kind: 'vendor'; vendorId: string },
): Promise<ReportRequest> {
  const generatedAtMs = deps.now().getTime();
  const people = await peopleOfDecision(deps, data);
  return {
    ...target,
    data,
    asOfMs: asOf === undefined ? generatedAtMs : Date.parse(asOf),
    generatedAtMs,
    locale: lang,
    ...(sections ? { sections } : {}),
    ...(Object.keys(people).length > 0 ? { people } : {}),
  };
}

/** The comparison report of a trial (SPEC §7), as of `asOf` (default now), in `lang`. */
export async function comparisonReport(deps: AppDeps, trialId: string, query: unknown): Promise<ReportFile> {
  const options = parseInput(ReportQuerySchema, query);
  const data = await exportTrial(deps, trialId);
  const pdf = await deps.reports.render(await reportRequest(deps, data, options, { kind: 'comparison' }));
  return {
    pdf,
    filename: reportFileName(data.trial.name, 'report', options.lang),
    asciiFilename: asciiReportFileName(data.trial.id, 'report', options.lang),
  };
}

/** One vendor's scorecard, ranked among the other vendors of its trial. */
export async function vendorReport(deps: AppDeps, vendorId: string, query: unknown): Promise<ReportFile> {
  const options = parseInput(ReportQuerySchema, query);
  const vendor = await getVendor(deps, vendorId);
  const data = await exportTrial(deps, vendor.trialId);
  const pdf = await deps.reports.render(
    await reportRequest(deps, data, options, { kind: 'vendor', vendorId }),
  );
  return {
    pdf,
    filename: reportFileName(vendor.name, 'scorecard', options.lang),
    asciiFilename: asciiReportFileName(vendor.id, 'scorecard', options.lang),
  };
}

/** A vendor as the report page offers its scorecard. */
export interface RankedVendor {
  id: string;
  name: string;
  rank: number;
}

/**
 * What the report page needs: the trial, and its vendors in rank order as of now (the order
 * of the dashboard's ranking), so the scorecards are offered best first.
 */
export async function reportPageOf(
  deps: AppDeps,
  trialId: string,
): Promise<{ trial: TrialExport['trial']; vendors: RankedVendor[] }> {
  const data = await exportTrial(deps, trialId);
  const card = cachedScorecard(deps, data, pageAsOf(deps));
  return {
    trial: data.trial,
    vendors: card.vendors.map((vendor) => ({ id: vendor.vendorId, name: vendor.name, rank: vendor.rank })),
  };
}
