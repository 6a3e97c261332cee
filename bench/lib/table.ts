/** The bench's one table: each figure beside its baseline from the same run, the ratio and the target. */

export interface Figure {
  figure: string;
  trial: string;
  value: number;
  unit: 'ms' | 'req/s' | 'MB';
  baseline?: { what: string; value: number };
  /** The SPEC §10 target, where it applies to this figure at this trial size. */
  target?: { atMost?: number; atLeastShare?: number };
}

const format = (value: number, unit: string) =>
  Number.isNaN(value) ? 'n/a' : `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${unit}`;

function ratio(figure: Figure): string {
  if (!figure.baseline || figure.baseline.value === 0) return '';
  const share = figure.value / figure.baseline.value;
  return figure.unit === 'req/s' ? `${(share * 100).toFixed(0)}%` : `${share.toFixed(1)}×`;
}

function target(figure: Figure): string {
  if (figure.target?.atMost !== undefined) return `≤ ${format(figure.target.atMost, figure.unit)}`;
  if (figure.target?.atLeastShare !== undefined) return `≥ ${(figure.target.atLeastShare * 100).toFixed(0)}%`;
  return '';
}

/** Whether the figure meets its target; undefined when none applies. */
export function met(figure: Figure): boolean | undefined {
  if (figure.target?.atMost !== undefined) return figure.value <= figure.target.atMost;
  if (figure.target?.atLeastShare !== undefined && figure.baseline) {
    return figure.value >= figure.target.atLeastShare * figure.baseline.value;
  }
  return undefined;
}

/** A Markdown table, so the output can be pasted into the README as it is. */
export function renderTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => {
    const verdict = met(figure);
    return [
      figure.figure,
      figure.trial,
      format(figure.value, figure.unit),
      figure.baseline ? `${format(figure.baseline.value, figure.unit)} (${figure.baseline.what})` : '',
      ratio(figure),
      target(figure),
      verdict === undefined ? '' : verdict ? 'met' : 'MISSED',
    ];
  });
  const header = ['figure', 'trial', 'value', 'baseline, same run', 'ratio', 'SPEC §10', ''];
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
