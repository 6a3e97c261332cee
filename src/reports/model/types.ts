/**
 * The report model: everything a PDF shows, already translated, formatted and rounded for
 * the reader's language, so the renderer only lays it out. Plain data apart from chart
 * configurations (plain data too) and the page label.
 */
import type { ChartConfiguration } from 'chart.js';
import type { Locale } from '../../i18n/index.js';

export interface ReportColumn {
  label: string;
  /** Relative width; the renderer shares the content width in proportion. */
  width: number;
  align?: 'left' | 'right';
}

export interface ReportRow {
  /** One cell per column; a `group` row has a single cell across the whole width. */
  cells: string[];
  /** A heading row that groups the rows below it (e.g. one severity's vendors). */
  group?: boolean;
  /** `alert` draws attention (a disqualified vendor), `muted` steps back (nothing measured). */
  tone?: 'alert' | 'muted';
}

export interface ReportTable {
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Shown instead of the table when there are no rows. */
  empty: string;
}

export interface Fact {
  label: string;
  value: string;
}

export interface ChartFigure {
  title: string;
  caption: string;
  config: ChartConfiguration;
  /** Size of the chart in CSS pixels; the renderer draws it at a higher pixel ratio. */
  width: number;
  height: number;
}

export interface CoverPart {
  /** The product's name, above the title. */
  brand: string;
  title: string;
  subtitle: string;
  description: string | null;
  facts: Fact[];
  contentsTitle: string;
  contents: string[];
}

/** The verdict in the same words as the dashboard, and unless clear what would settle it. */
export interface VerdictPart {
  title: string;
  status: 'clear' | 'leaning' | 'open' | 'none';
  headline: string;
  detail: string | null;
  settleTitle: string;
  /** One sentence per step, most telling first; empty when clear. */
  settle: string[];
  /** "and n more", or null. */
  more: string | null;
}

export interface SummaryPart {
  title: string;
  /** The first thing after the cover in a comparison report; null in a vendor's scorecard. */
  verdict: VerdictPart | null;
  intro: string;
  ranking: ReportTable;
  dimensionsTitle: string;
  dimensions: ReportTable;
  /** One per vendor: its strongest and weakest dimension. */
  sentences: string[];
  /** The smallest single-weight change that changes the leader, or that none does; null with < 2 vendors. */
  leaderFlip: string | null;
  notes: string[];
}

export interface ChartsPart {
  title: string;
  figures: ChartFigure[];
  empty: string | null;
}

export interface FirstResponsePart {
  title: string;
  intro: string;
  /** Median first response against the target, when the report has charts. */
  figure: ChartFigure | null;
  table: ReportTable;
  notes: string[];
}

export interface VendorQuotes {
  vendor: string;
  quotes: ReportTable;
}

export interface ClausesPart {
  title: string;
  intro: string;
  /** Clauses × vendors, a few vendors per table so the columns stay readable. */
  matrices: ReportTable[];
  quotesTitle: string;
  quotes: VendorQuotes[];
  empty: string | null;
}

export interface ProbeEvidence {
  title: string;
  facts: string;
  description: string | null;
  whyTitle: string;
  why: ReportTable;
  timelineTitle: string;
  timeline: ReportTable;
}

export interface VendorPart {
  vendorId: string;
  title: string;
  facts: Fact[];
  notes: string | null;
  scoresTitle: string;
  scores: ReportTable;
  strengthTitle: string;
  strength: ReportTable;
  evidenceTitle: string;
  evidenceIntro: string;
  probes: ProbeEvidence[];
  noProbes: string | null;
}

export interface VendorsPart {
  title: string;
  vendors: VendorPart[];
  empty: string | null;
}

export interface MethodologyBlock {
  title: string;
  paragraphs: string[];
  table: ReportTable | null;
}

export interface MethodologyPart {
  title: string;
  blocks: MethodologyBlock[];
}

/** One evidence file as the appendix lists it: its name, where it belongs, what it is, its hash. */
export interface EvidenceFileEntry {
  name: string;
  /** The probe's title and the event's time in the trial's zone. */
  where: string;
  /** The sniffed type and the size. */
  details: string;
  sha256: string;
}

export interface EvidenceVendorFiles {
  vendor: string;
  files: EvidenceFileEntry[];
}

export interface EvidenceFilesPart {
  title: string;
  intro: string;
  hashLabel: string;
  groups: EvidenceVendorFiles[];
}

export interface ReportModel {
  kind: 'comparison' | 'vendor';
  locale: Locale;
  /** PDF metadata title. */
  documentTitle: string;
  /** Printed at the top of every page after the cover. */
  runningHeader: string;
  pageLabel: (page: number, pages: number) => string;
  cover: CoverPart;
  summary: SummaryPart | null;
  charts: ChartsPart | null;
  firstResponse: FirstResponsePart | null;
  clauses: ClausesPart | null;
  vendors: VendorsPart | null;
  methodology: MethodologyPart | null;
  /** The comparison report's appendix of evidence files, after everything else; null without files. */
  evidenceFiles: EvidenceFilesPart | null;
}
