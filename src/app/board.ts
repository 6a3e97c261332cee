/**
 * The live SLA board as the dashboard shows it (SPEC §6): the trial's open probes, filtered
 * and sorted as the query string asks, so that a chosen view survives the 30-second refresh
 * and can be bookmarked.
 */
import { z } from 'zod';
import type { Alert } from '../domain/alerting.js';
import { SeveritySchema, type TrialExport } from '../domain/schemas.js';
import {
  BOARD_PHASES,
  BOARD_ROW_STATUSES,
  BOARD_SORTS,
  filterBoard,
  slaBoard,
  sortBoard,
  type BoardRow,
} from '../domain/slaBoard.js';
import { alertsByProbe } from './alerts/queries.js';
import type { AppDeps } from './deps.js';
import { pageAsOf } from './scorecardCache.js';
import { exportTrial } from './trials.js';

/** An empty choice ("all") and a value the form never offers both mean "not filtered". */
const choice = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional()).catch(undefined);

/**
 * The board's query string: `status`, `vendor`, `severity`, `waiting` (first reply or
 * resolution) and `sort`. It comes from a link or a bookmark, so it is read leniently: what
 * cannot be read is left out, never refused.
 */
export const BoardQuerySchema = z.object({
  status: choice(z.enum(BOARD_ROW_STATUSES)),
  vendor: choice(z.string().max(200)),
  severity: choice(SeveritySchema),
  waiting: choice(z.enum(BOARD_PHASES)),
  sort: choice(z.enum(BOARD_SORTS)),
  /** `board=all`: every matching row, not only the first BOARD_ROWS_SHOWN. */
  board: choice(z.enum(['all'])),
});
export type BoardQuery = z.infer<typeof BoardQuerySchema>;

export function readBoardQuery(query: unknown): BoardQuery {
  const parsed = BoardQuerySchema.safeParse(query);
  return parsed.success ? parsed.data : {};
}

/**
 * Rows the dashboard shows before "Show all": the most urgent (or first in the chosen order).
 * Hundreds of open probes made the page half a megabyte, and nobody reads past the top.
 */
export const BOARD_ROWS_SHOWN = 50;

/** A row of the board with the alerts that fired for its probe (the "notify" column), newest first. */
export type NotifiedBoardRow = BoardRow & { alerts: readonly Alert[] };

export interface LiveBoard {
  /** The rows to show: the first BOARD_ROWS_SHOWN of those matching, or all with `board=all`. */
  rows: NotifiedBoardRow[];
  /** Open probes matching the filter (rows may show fewer). */
  matchCount: number;
  /** Open probes before filtering, to tell "none open" from "none match". */
  openCount: number;
  /** The query as understood (a vendor not in the trial is dropped), for the form and links. */
  query: BoardQuery;
  /** The same, as a query string without the leading "?" (empty when nothing is chosen). */
  search: string;
  /** The query string of the other length of the same board: all rows when capped, the first ones when all. */
  otherLengthSearch: string;
  vendors: { id: string; name: string }[];
  asOf: string;
}

const NO_ALERTS: readonly Alert[] = [];

/** The board of already loaded trial data and its alerts (by probe) as of an instant. */
export function boardOf(
  data: TrialExport,
  asOfMs: number,
  asked: BoardQuery,
  alerts: ReadonlyMap<string, readonly Alert[]>,
): LiveBoard {
  const vendors = [...data.vendors]
    .map((vendor) => ({ id: vendor.id, name: vendor.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const query: BoardQuery = {
    ...asked,
    vendor: vendors.some((vendor) => vendor.id === asked.vendor) ? asked.vendor : undefined,
    // The board's own order is the default: not written in links.
    sort: asked.sort === 'status' ? undefined : asked.sort,
  };
  const all = slaBoard(data, asOfMs);
  const matching = sortBoard(
    filterBoard(all, {
      status: query.status,
      vendorId: query.vendor,
      severity: query.severity,
      phase: query.waiting,
    }),
    query.sort ?? 'status',
  );
  const rows = (query.board === 'all' ? matching : matching.slice(0, BOARD_ROWS_SHOWN)).map((row) => ({
    ...row,
    alerts: alerts.get(row.probeId) ?? NO_ALERTS,
  }));
  const searchOf = (wanted: BoardQuery) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(wanted) as [string, string | undefined][]) {
      if (value !== undefined) search.set(name, value);
    }
    return search.toString();
  };
  return {
    rows,
    matchCount: matching.length,
    openCount: all.length,
    query,
    search: searchOf(query),
    otherLengthSearch: searchOf({ ...query, board: query.board === 'all' ? undefined : 'all' }),
    vendors,
    asOf: new Date(asOfMs).toISOString(),
  };
}

/** The board of one trial now (to the minute, as the dashboard), for the fragment it fetches every 30 seconds. */
export async function liveBoard(deps: AppDeps, trialId: string, query: BoardQuery) {
  const data = await exportTrial(deps, trialId);
  const alerts = await alertsByProbe(deps, trialId);
  return { trial: data.trial, board: boardOf(data, pageAsOf(deps), query, alerts) };
}
