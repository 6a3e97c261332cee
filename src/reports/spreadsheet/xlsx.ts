/**
 * The tables as one XLSX workbook (exceljs): a sheet per table named in the reader's language,
 * a bold header row that stays in view, columns sized to their contents, numbers as numbers and
 * times as real Excel dates showing the trial's wall-clock time (the header names the zone).
 */
import type ExcelJS from 'exceljs';
import { cellText, isLocalTime, type Cell, type Table } from './table.js';

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
const DATE_FORMAT = 'yyyy-mm-dd hh:mm';
/** Characters Excel does not allow in a sheet name. */
const NOT_IN_SHEET_NAMES = /[[\]:*?/\\]/g;
const MAX_SHEET_NAME = 31;
/** Noncharacters the text rules let through but XML 1.0 (and so Excel) refuses. */
const NOT_IN_XML = /[\uFFFE\uFFFF]/g;

/** Wide (CJK) characters take about two columns of width. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.split('\n')[0] ?? '') width += /[\u1100-\uffdc]/u.test(char) ? 2 : 1;
  return width;
}

/**
 * Excel dates have no zone: a date whose UTC fields are the trial's wall-clock time reads as that
 * time in any Excel, wherever it is opened.
 */
function excelValue(cell: Cell): ExcelJS.CellValue {
  if (isLocalTime(cell)) return new Date(`${cell.local.replace(' ', 'T')}:00Z`);
  // Strings are written as strings, never as formulas: `=HYPERLINK(…)` in a name stays text.
  return typeof cell === 'string' ? cell.replace(NOT_IN_XML, '\uFFFD') : cell;
}

function addSheet(workbook: ExcelJS.Workbook, table: Table): void {
  const name = table.title.replace(NOT_IN_SHEET_NAMES, ' ').slice(0, MAX_SHEET_NAME);
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column, index) => {
    const widest = Math.max(
      displayWidth(column.header),
      ...table.rows.map((row) => displayWidth(cellText(row[index] ?? null))),
    );
    return { header: column.header, width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2)) };
  });
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow(row.map(excelValue));
    row.forEach((cell, index) => {
      const format = isLocalTime(cell) ? DATE_FORMAT : table.columns[index]?.numberFormat;
      if (format !== undefined && typeof cell !== 'string') added.getCell(index + 1).numFmt = format;
    });
  }
}

export async function tablesXlsx(tables: readonly Table[]): Promise<Buffer> {
  // exceljs is loaded with the first workbook, not at server start (a quarter of a second).
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  workbook.creator = 'SLA Probe';
  for (const table of tables) addSheet(workbook, table);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
