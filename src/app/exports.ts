import { z } from 'zod';
import { LOCALES, translator, type Locale } from '../i18n/index.js';
import { tableCsv } from '../reports/spreadsheet/csv.js';
import { buildTable, buildTables, type SpreadsheetInput } from '../reports/spreadsheet/tables.js';
import { tablesXlsx } from '../reports/spreadsheet/xlsx.js';
import type { AppDeps } from './deps.js';
import { parseInput } from './parse.js';
import { downloadFileName } from './reports.js';
import { presentScorecard } from './scorecard.js';
import { cachedScorecard } from './scorecardCache.js';
import { exportTrial } from './trials.js';

/** The tables a CSV can hold (SPEC §8); the SLA clauses are a sheet of the workbook only. */
export const CSV_TABLES = ['scorecard', 'probes', 'events'] as const;

const LangSchema = z.enum(LOCALES).optional();
const XlsxQuerySchema = z.object({ lang: LangSchema });
const CsvQuerySchema = z.object({ lang: LangSchema, table: z.enum(CSV_TABLES) });

/** A built spreadsheet and the names to save it under. */
export interface SpreadsheetFile {
  bytes: Buffer;
  contentType: string;
  filename: string;
  /** Printable ASCII, for clients that cannot read a UTF-8 file name. */
  asciiFilename: string;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_TYPE = 'text/csv; charset=utf-8';

async function spreadsheetInput(deps: AppDeps, trialId: string, locale: Locale): Promise<SpreadsheetInput> {
  const data = await exportTrial(deps, trialId);
  const asOfMs = deps.now().getTime();
  return { data, card: presentScorecard(cachedScorecard(deps, data, asOfMs)), asOfMs, t: translator(locale) };
}

/**
 * The trial as an XLSX workbook for procurement (SPEC §8): scorecard, probes, events and SLA
 * clauses as of now, in `?lang=` or else the language the request came in.
 */
export async function trialWorkbook(
  deps: AppDeps,
  trialId: string,
  query: unknown,
  requestLocale: Locale,
): Promise<SpreadsheetFile> {
  const lang = parseInput(XlsxQuerySchema, query).lang ?? requestLocale;
  const input = await spreadsheetInput(deps, trialId, lang);
  return {
    bytes: await tablesXlsx(buildTables(input)),
    contentType: XLSX_TYPE,
    filename: downloadFileName(input.data.trial.name, [lang], 'xlsx'),
    asciiFilename: `sla-probe-${input.data.trial.id}-${lang}.xlsx`,
  };
}

/** One table of the trial (`?table=`) as CSV with the workbook's columns. */
export async function trialCsv(
  deps: AppDeps,
  trialId: string,
  query: unknown,
  requestLocale: Locale,
): Promise<SpreadsheetFile> {
  const { lang = requestLocale, table } = parseInput(CsvQuerySchema, query);
  const input = await spreadsheetInput(deps, trialId, lang);
  return {
    bytes: tableCsv(buildTable(table, input)),
    contentType: CSV_TYPE,
    filename: downloadFileName(input.data.trial.name, [table, lang], 'csv'),
    asciiFilename: `sla-probe-${input.data.trial.id}-${table}-${lang}.csv`,
  };
}
