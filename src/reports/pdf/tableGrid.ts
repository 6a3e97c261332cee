import type { ReportRow, ReportTable } from '../model/types.js';
import type { Flow, TextStyle } from './flow.js';

export const PAD_X = 4;
export const PAD_Y = 2.5;

/** Where one cell's text goes. */
export interface CellBox {
  x: number;
  width: number;
  align: 'left' | 'right';
}

/** Column positions across the content width. */
export interface Grid {
  columns: CellBox[];
  span: CellBox;
}

/** Latin words cannot be broken inside; CJK text can break between any two characters. */
const UNBREAKABLE = /[A-Za-z0-9][A-Za-z0-9\-_.,:;()%/'"@&+]*/g;

function longestWord(flow: Flow, text: string, style: TextStyle): number {
  let longest = 0;
  for (const [word] of text.matchAll(UNBREAKABLE)) longest = Math.max(longest, flow.widthOf(word, style));
  return longest;
}

/**
 * Shares the content width by the columns' relative widths, then widens any column whose
 * header has a word that would not fit (pdfkit would break it mid-word), taking the room
 * from the columns that have some to spare.
 */
export function gridOf(flow: Flow, table: ReportTable, headerStyle: TextStyle): Grid {
  const total = table.columns.reduce((sum, column) => sum + column.width, 0) || 1;
  const widths = table.columns.map((column) => (column.width / total) * flow.width);
  const needs = table.columns.map((column) => longestWord(flow, column.label, headerStyle) + 2 * PAD_X + 1);
  const deficit = widths.reduce((sum, width, index) => sum + Math.max(0, (needs[index] ?? 0) - width), 0);
  const spare = widths.map((width, index) => Math.max(0, width - (needs[index] ?? 0)));
  const spareTotal = spare.reduce((sum, room) => sum + room, 0);
  if (deficit > 0 && spareTotal > deficit) {
    widths.forEach((width, index) => {
      const need = needs[index] ?? 0;
      widths[index] = width < need ? need : width - ((spare[index] ?? 0) / spareTotal) * deficit;
    });
  }
  let x = flow.left;
  const columns = widths.map((width, index) => {
    const box: CellBox = { x, width, align: table.columns[index]?.align ?? 'left' };
    x += width;
    return box;
  });
  return { columns, span: { x: flow.left, width: flow.width, align: 'left' } };
}

export function boxesOf(grid: Grid, row: Pick<ReportRow, 'group'>): CellBox[] {
  return row.group ? [grid.span] : grid.columns;
}

/** A row's height, and each cell's one-line width (Infinity where it wraps), for drawing. */
export interface MeasuredRow {
  height: number;
  widths: number[];
}

export function measureRow(
  flow: Flow,
  boxes: readonly CellBox[],
  cells: readonly string[],
  style: TextStyle,
): MeasuredRow {
  let tallest = 0;
  const widths = boxes.map((box, index) => {
    const { height, lineWidth } = flow.measureCell(cells[index] ?? '', box.width - 2 * PAD_X, style);
    tallest = Math.max(tallest, height);
    return lineWidth;
  });
  return { height: tallest + 2 * PAD_Y, widths };
}

export function rowHeight(flow: Flow, boxes: readonly CellBox[], cells: readonly string[], style: TextStyle) {
  return measureRow(flow, boxes, cells, style).height;
}

/** The longest prefix of a cell that fits `room` points of height, cut at a space when one is near. */
export function splitCell(
  flow: Flow,
  text: string,
  width: number,
  room: number,
  style: TextStyle,
): [string, string] {
  if (flow.measure(text, width, style) <= room) return [text, ''];
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (flow.measure(chars.slice(0, mid).join(''), width, style) <= room) low = mid;
    else high = mid;
  }
  const head = chars.slice(0, low).join('');
  const space = head.search(/\s\S*$/);
  const cut = space > head.length * 0.8 ? space : head.length;
  return [head.slice(0, cut).trimEnd(), text.slice(cut).trimStart()];
}
