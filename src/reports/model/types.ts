/**
 * The report model: everything a PDF shows, already translated, formatted and rounded for
 * the reader's language, so the renderer only lays it out. Plain data apart from chart
 * configurations (plain data too), the page label and the appendix's probes (built as taken).
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
  /** A frozen trial's hash in full, or that the data may still change. */
  snapshot: CoverSnapshot;
  contentsTitle: string;
  contents: string[];
}

export interface CoverSnapshot {
  label: string;
  /** The full 64-hex SHA-256; null when the trial is not frozen. */
  hash: string | null;
  /** "Frozen when closed on …", or "Not frozen: the data may still change." */
  note: string;
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

/** The comparison report's one page for the meeting that decides (see decisionSummary.ts). */
export interface DecisionSummaryPart {
  title: string;
  verdict: VerdictPart | null;
  rankingTitle: string;
  /** Rank, vendor, overall, likely range, gates failed, annual cost, cost per point. */
  ranking: ReportTable;
  /** The cheapest vendor that passes every gate, and how costs were compared. */
  costNotes: string[];
  /** Cost against score, drawn on the page when there is room left, else after the ranking. */
  costFigure: ChartFigure | null;
  risksTitle: string;
  /** One line per vendor, in rank order. */
  risks: string[];
  recordTitle: string;
  /** The recommendation and who recorded it, or that nothing is recorded yet. */
  record: string[];
  /** Cut to fit, with a pointer to the full text; null without one. */
  rationale: string | null;
  /** One line per approval, each note cut; the page shows as many as fit. */
  approvals: string[];
  /** "… and k more" for k = 1 … the number of approvals (index k − 1). */
  approvalsMore: string[];
  /** Who has not answered yet, or that nobody was asked. */
  approvalsTail: string[];
  /** The snapshot hash with its closing time, or that the data may still change. */
  snapshot: string;
  frozen: boolean;
}

/** The decision record in full: recommendation, rationale and every approval. */
export interface DecisionRecordPart {
  title: string;
  facts: Fact[];
  rationaleTitle: string;
  rationale: string;
  approvalsTitle: string;
  approvals: ReportTable;
}

/** Diligence beside the scores: team profiles, reference calls and the questionnaire. */
export interface DiligencePart {
  title: string;
  intro: string;
  teamTitle: string;
  team: ReportTable;
  referencesTitle: string;
  references: ReportTable;
  checksTitle: string;
  /** Questions × vendors, a few vendors per table. */
  checks: ReportTable[];
  checksEmpty: string | null;
  /** Notes given with answers, by vendor. */
  checkNotesTitle: string;
  checkNotes: ReportTable | null;
}

/** The scorecard's vendor beside the best and the median of the other vendors. */
export interface FieldPart {
  title: string;
  intro: string;
  table: ReportTable;
}

/**
 * Probes as evidence, each built when it is taken and then the taker's alone: the comparison's
 * appendix is drawn once, and holding every probe built at once was most of a big report's model.
 */
export interface ProbeEvidenceQueue {
  /** The probes not taken yet. */
  readonly length: number;
  /** The next probe, built now; undefined once every probe is taken. */
  shift(): ProbeEvidence | undefined;
}

export interface VendorTimelines {
  vendor: string;
  probes: ProbeEvidenceQueue;
}

/** The comparison report's appendix of every probe's reasons and timeline. */
export interface TimelinesPart {
  title: string;
  intro: string;
  groups: VendorTimelines[];
}

export interface SummaryPart {
  title: string;
  intro: string;
  ranking: ReportTable;
  dimensionsTitle: string;
  dimensions: ReportTable;
  /** One per vendor: its strongest and weakest dimension. */
  sentences: string[];
  /** The smallest single-weight change that changes the leader, or that none does; null with < 2 vendors. */
  leaderFlip: string | null;
  /** A scorecard's comparison with the field; null in the comparison report. */
  field: FieldPart | null;
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
  /** Empty in the comparison report: its timelines are in the appendix. */
  probes: ProbeEvidence[];
  noProbes: string | null;
  /** Where the probes are when they are not here (the appendix); else null. */
  probesElsewhere: string | null;
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
  /** The comparison report's one-page decision summary, right after the cover. */
  decision: DecisionSummaryPart | null;
  summary: SummaryPart | null;
  charts: ChartsPart | null;
  firstResponse: FirstResponsePart | null;
  clauses: ClausesPart | null;
  diligence: DiligencePart | null;
  /** The decision record in full; null without a decision. */
  record: DecisionRecordPart | null;
  vendors: VendorsPart | null;
  /** The comparison report's appendix of probe timelines. */
  timelines: TimelinesPart | null;
  methodology: MethodologyPart | null;
  /** The comparison report's appendix of evidence files, after everything else; null without files. */
  evidenceFiles: EvidenceFilesPart | null;
}
