/**
 * A table as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads the bytes as
 * the local code page and Chinese turns to mojibake), RFC 4180 quoting, CRLF line ends.
 */
import { cellText, FORMULA_START, type Cell, type Table } from './table.js';

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;

/** Text that a spreadsheet would run as a formula gets a leading `'`, which shows it as text. */
function neutralised(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function field(cell: Cell): string {
  const text = typeof cell === 'string' ? neutralised(cell) : cellText(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function tableCsv(table: Table): Buffer {
  const lines = [
    table.columns.map((column) => field(column.header)),
    ...table.rows.map((row) => row.map(field)),
  ];
  return Buffer.from(BOM + lines.map((line) => line.join(',')).join('\r\n') + '\r\n', 'utf8');
}
