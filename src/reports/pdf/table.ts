import type { ReportRow, ReportTable } from '../model/types.js';
import type { Flow, TextStyle } from './flow.js';
import {
  boxesOf,
  gridOf,
  measureRow,
  PAD_X,
  PAD_Y,
  splitCell,
  type CellBox,
  type Grid,
  type MeasuredRow,
} from './tableGrid.js';
import { entryOf } from './measureCache.js';
import { COLOUR, FONT, SIZE } from './theme.js';

export interface TableOptions {
  size?: number;
  /** A key–value list reads better without a header row. */
  header?: boolean;
  /** A small bold title kept on the same page as the header and first row. */
  title?: string;
}

/** A row taller than a whole page is split, but only where at least this many lines fit. */
const MIN_SPLIT_LINES = 3;
/** Tables up to this tall move whole to the next page rather than leave a row or two behind. */
export const KEEP_TOGETHER_HEIGHT = 180;

type RowStyle = TextStyle & { fill?: string };

const toneColour = (tone: ReportRow['tone']) =>
  tone === 'alert' ? COLOUR.alert : tone === 'muted' ? COLOUR.muted : COLOUR.text;

function drawCells(
  flow: Flow,
  boxes: readonly CellBox[],
  cells: readonly string[],
  height: number,
  style: RowStyle,
  /** Each cell's one-line width as the table measured it; measured here when not given. */
  widths?: readonly number[],
): void {
  const { doc } = flow;
  if (style.fill) doc.rect(flow.left, flow.y, flow.width, height).fill(style.fill);
  flow.use(style);
  // The row's one-line cells are drawn together, in order with any wrapped cell between them.
  const oneLine: { text: string; x: number }[] = [];
  const drawOneLine = () => {
    if (oneLine.length > 0) flow.lines.drawAll(oneLine.splice(0), flow.y + PAD_Y);
  };
  boxes.forEach((box, index) => {
    const text = cells[index] ?? '';
    if (text === '') return;
    const inner = box.width - 2 * PAD_X;
    const width = widths?.[index] ?? (text.includes('\n') ? Infinity : flow.widthOf(text, style));
    if (width <= inner) {
      // One line: drawn directly, without pdfkit's line wrapper (most cells, most of the cost).
      oneLine.push({ text, x: box.align === 'right' ? box.x + box.width - PAD_X - width : box.x + PAD_X });
      return;
    }
    drawOneLine();
    // A height keeps pdfkit from ever adding a page of its own inside a cell.
    const wrap = { width: inner, height: height - PAD_Y + 1 };
    if (box.align === 'left') flow.wrapped.draw(text, box.x + PAD_X, flow.y + PAD_Y, wrap);
    else doc.text(text, box.x + PAD_X, flow.y + PAD_Y, { ...wrap, align: box.align });
  });
  drawOneLine();
  flow.y += height;
}

interface Prepared {
  grid: Grid;
  header: { cells: string[]; height: number; widths?: number[]; style: RowStyle };
  rows: { row: ReportRow; boxes: CellBox[]; style: RowStyle; height: number; widths: number[] }[];
  lineHeight: number;
}

/**
 * Tables measured for their height (where a block must start) and not drawn yet, per
 * document: drawing them takes these measurements instead of measuring every cell again.
 */
const measuredTables = new WeakMap<Flow, Map<ReportTable, { key: string; prepared: Prepared }>>();

const optionsKey = (options: TableOptions) => `${options.size ?? SIZE.table}|${options.header !== false}`;

function measuredOf(flow: Flow): Map<ReportTable, { key: string; prepared: Prepared }> {
  let tables = measuredTables.get(flow);
  if (!tables) {
    tables = new Map();
    measuredTables.set(flow, tables);
  }
  return tables;
}

/** The table's measurements, taken once whether it is measured first or only drawn. */
function prepared(flow: Flow, table: ReportTable, options: TableOptions, keep: boolean): Prepared {
  const tables = measuredOf(flow);
  const key = optionsKey(options);
  const known = tables.get(table);
  if (known) tables.delete(table);
  const result = known?.key === key ? known.prepared : prepare(flow, table, options);
  if (keep) tables.set(table, { key, prepared: result });
  return result;
}

/** A table's grid and its header row's measurements: the same for every table with its columns. */
interface Frame {
  size: number | undefined;
  withHeader: boolean;
  left: number;
  width: number;
  grid: Grid;
  header: MeasuredRow | null;
}

/**
 * Frames worked out, per document, by the tables' columns (the array itself): the appendix of
 * a big report draws thousands of tables that share a few (grids are only read, never changed).
 */
const frames = new WeakMap<Flow, WeakMap<ReportTable['columns'], Frame[]>>();

function frameOf(flow: Flow, table: ReportTable, headerStyle: RowStyle, withHeader: boolean): Frame {
  const ofFlow = entryOf(frames, flow, () => new WeakMap<ReportTable['columns'], Frame[]>());
  const known = entryOf(ofFlow, table.columns, (): Frame[] => []);
  const { left, width } = flow;
  const size = headerStyle.size;
  let frame = known.find(
    (kept) =>
      kept.size === size && kept.withHeader === withHeader && kept.left === left && kept.width === width,
  );
  if (!frame) {
    const grid = gridOf(flow, table, headerStyle);
    const labels = table.columns.map((column) => column.label);
    const header = withHeader ? measureRow(flow, grid.columns, labels, headerStyle) : null;
    frame = { size, withHeader, left, width, grid, header };
    known.push(frame);
  }
  return frame;
}

function prepare(flow: Flow, table: ReportTable, options: TableOptions): Prepared {
  const size = options.size ?? SIZE.table;
  const headerStyle: RowStyle = { font: FONT.bold, size, colour: COLOUR.text, fill: COLOUR.headerFill };
  const { grid, header } = frameOf(flow, table, headerStyle, options.header !== false);
  const labels = table.columns.map((column) => column.label);
  let zebra = false;
  const rows = table.rows.map((row) => {
    zebra = row.group ? false : !zebra;
    const style: RowStyle = row.group
      ? { font: FONT.bold, size, colour: COLOUR.accent }
      : { font: FONT.regular, size, colour: toneColour(row.tone), ...(zebra ? {} : { fill: COLOUR.zebra }) };
    const boxes = boxesOf(grid, row);
    return { row, boxes, style, ...measureRow(flow, boxes, row.cells, style) };
  });
  return {
    grid,
    header: {
      cells: labels,
      style: headerStyle,
      height: header?.height ?? 0,
      ...(header ? { widths: header.widths } : {}),
    },
    rows,
    lineHeight: flow.measure('', 100, { size }),
  };
}

/** The height a table takes when it is drawn on one page. */
export function tableHeight(flow: Flow, table: ReportTable, options: TableOptions = {}): number {
  if (table.rows.length === 0)
    return flow.measure(table.empty, flow.width, { size: options.size ?? SIZE.table });
  // Kept for drawTable: a table is measured for the room it needs, then drawn.
  const { header, rows } = prepared(flow, table, options, true);
  return header.height + rows.reduce((sum, { height }) => sum + height, 0);
}

/**
 * A table across the content width: wrapped cells, the header row repeated on every page,
 * a row moved whole to the next page when it fits there, a group row kept with the row
 * after it, and a row taller than a page split between pages rather than run off one.
 */
export function drawTable(flow: Flow, table: ReportTable, options: TableOptions = {}): void {
  const size = options.size ?? SIZE.table;
  const titleStyle = { font: FONT.bold, size };
  const titleHeight = options.title ? flow.measure(options.title, flow.width, titleStyle) + 2 : 0;
  if (table.rows.length === 0) {
    if (options.title) flow.paragraph(options.title, titleStyle, 2);
    flow.paragraph(table.empty, { size, colour: COLOUR.muted });
    return;
  }
  const { grid, header, rows, lineHeight } = prepared(flow, table, options, false);
  const drawHeader = () => {
    if (header.height > 0)
      drawCells(flow, grid.columns, header.cells, header.height, header.style, header.widths);
  };
  const total = titleHeight + header.height + rows.reduce((sum, { height }) => sum + height, 0);
  const opening = rows.slice(0, rows[0]?.row.group ? 2 : 1).reduce((sum, { height }) => sum + height, 0);
  flow.ensure(
    total <= KEEP_TOGETHER_HEIGHT
      ? total
      : titleHeight + header.height + Math.min(opening, MIN_SPLIT_LINES * lineHeight + 2 * PAD_Y),
  );
  if (options.title) flow.paragraph(options.title, titleStyle, 2);
  drawHeader();
  const pageRoom = () => flow.bottom - flow.top - header.height;
  let rowsOnPage = 0;
  const breakPage = () => {
    flow.newPage();
    drawHeader();
    rowsOnPage = 0;
  };
  rows.forEach(({ row, boxes, style, height: fullHeight, widths: fullWidths }, index) => {
    const following = rows[index + 1]?.height ?? 0;
    // A group row never ends a page: it needs the first row of its group below it.
    const next = row.group ? Math.min(following, MIN_SPLIT_LINES * lineHeight) : 0;
    // Nor does the last row start a page alone when the one before it can go along.
    const lastTwo = index === rows.length - 2 && rowsOnPage >= 2 && fullHeight + following <= pageRoom();
    let cells: readonly string[] = row.cells;
    let height = fullHeight;
    let widths: readonly number[] | undefined = fullWidths;
    for (;;) {
      if (lastTwo && rowsOnPage >= 2 && flow.y + height + following > flow.bottom) {
        breakPage();
        continue;
      }
      if (flow.y + height + next <= flow.bottom) {
        drawCells(flow, boxes, cells, height, style, widths);
        rowsOnPage += 1;
        return;
      }
      const room = flow.bottom - flow.y - 2 * PAD_Y;
      if (height + next <= pageRoom() || room < MIN_SPLIT_LINES * lineHeight) {
        breakPage();
        continue;
      }
      const parts = cells.map((cell, column) =>
        splitCell(flow, cell, (boxes[column]?.width ?? 0) - 2 * PAD_X, room, style),
      );
      drawCells(
        flow,
        boxes,
        parts.map(([head]) => head),
        flow.bottom - flow.y,
        style,
      );
      breakPage();
      cells = parts.map(([, tail]) => tail);
      ({ height, widths } = measureRow(flow, boxes, cells, style));
    }
  });
  flow.gap(8);
}
