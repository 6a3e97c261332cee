import type { TrialExport } from '../domain/schemas.js';
import type { Locale } from '../i18n/index.js';

/** The parts of a comparison report a reader can leave out; the cover is always there. */
export const REPORT_SECTIONS = [
  'summary',
  'charts',
  'firstResponse',
  'clauses',
  'vendors',
  'methodology',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/**
 * Everything needed to build one PDF, as plain data: it crosses into a worker thread by
 * structured clone, so it holds no functions and no class instances.
 */
export interface ReportRequest {
  /** The comparison report of the whole trial, or one vendor's scorecard. */
  kind: 'comparison' | 'vendor';
  data: TrialExport;
  /** Required for a vendor scorecard. */
  vendorId?: string;
  asOfMs: number;
  generatedAtMs: number;
  locale: Locale;
  /** Defaults to every section. */
  sections?: ReportSection[];
  /**
   * Display names of the people the decision record names (user id → name): the trial's
   * export holds user ids only. An id missing here is printed as it is.
   */
  people?: Record<string, string>;
}

/** Something that turns a request into PDF bytes (in this thread, or in a worker pool). */
export interface ReportRenderer {
  render(request: ReportRequest): Promise<Uint8Array>;
}
