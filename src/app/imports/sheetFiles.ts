/**
 * CSV and XLSX files as a header and rows of text cells. Every cell is text: a formula is
 * read as the formula's text (never evaluated), a date cell as its wall-clock time (an XLSX
 * date has no zone), so the row readers decide what a value means.
 */
import type ExcelJS from 'exceljs';
import { importProblem, type ImportProblem } from '../../domain/imports.js';
import type { SheetTable } from './sheetRows.js';
import { checkZip } from './zipBounds.js';

/** Rows a sheet may hold: a trial's worth of events many times over, and a bound on the work. */
export const MAX_SHEET_ROWS = 10_000;

export type SheetRead = { ok: true; table: SheetTable } | { ok: false; problem: ImportProblem };

/** UTF-8 (with or without a BOM), else GB18030 — what Excel on a Chinese Windows saves as "CSV". */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Comma, semicolon (Excel in many locales) or tab, whichever the header line holds most of. */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((mark) => [mark, header.split(mark).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

function tableOf(file: string, grid: string[][], rowNumbers: number[]): SheetRead {
  const [headers, ...rows] = grid;
  if (!headers || headers.every((cell) => cell.trim() === ''))
    return { ok: false, problem: importProblem('sheet.noHeader', { file }) };
  if (rows.length > MAX_SHEET_ROWS)
    return { ok: false, problem: importProblem('sheet.tooManyRows', { file, max: MAX_SHEET_ROWS }) };
  return {
    ok: true,
    table: {
      file,
      headers: headers.map((cell) => cell.trim()),
      rows: rows.map((cells, index) => ({ row: rowNumbers[index + 1] ?? index + 2, cells })),
    },
  };
}

export async function readCsv(file: string, bytes: Uint8Array): Promise<SheetRead> {
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) return { ok: false, problem: importProblem('sheet.notText', { file }) };
  // csv-parse is loaded with the first CSV read, not at server start (as exceljs below).
  const { parse } = await import('csv-parse/sync');
  let grid: string[][];
  try {
    grid = parse(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      to: MAX_SHEET_ROWS + 2,
    });
  } catch (error) {
    return {
      ok: false,
      problem: importProblem('sheet.badCsv', { file, error: (error as Error).message.slice(0, 200) }),
    };
  }
  return tableOf(
    file,
    grid,
    grid.map((_row, index) => index + 1),
  );
}

/** A cell's text whatever exceljs made of it. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof value !== 'object') return String(value);
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value ? value.formula : value.sharedFormula;
    return `=${formula}`;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text);
  if ('error' in value) return value.error;
  return '';
}

export async function readXlsx(file: string, bytes: Uint8Array): Promise<SheetRead> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const zip = checkZip(buffer);
  if (!zip.ok)
    return {
      ok: false,
      problem: importProblem(
        zip.reason === 'tooLarge' || zip.reason === 'tooManyEntries' ? 'sheet.zipBomb' : 'sheet.notXlsx',
        { file },
      ),
    };
  // exceljs is loaded with the first workbook, not at server start (a quarter of a second).
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problem: importProblem('sheet.notXlsx', { file }) };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, problem: importProblem('sheet.noSheet', { file }) };
  if (sheet.rowCount > MAX_SHEET_ROWS + 1)
    return { ok: false, problem: importProblem('sheet.tooManyRows', { file, max: MAX_SHEET_ROWS }) };
  const grid: string[][] = [];
  const numbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column += 1)
      cells.push(cellText(row.getCell(column).value));
    grid.push(cells);
    numbers.push(rowNumber);
  });
  return tableOf(file, grid, numbers);
}
