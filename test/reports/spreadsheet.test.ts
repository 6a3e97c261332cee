import { describe, expect, it } from 'vitest';
import { computeScorecard } from '../../src/domain/scoring/scorecard.js';
import { translator } from '../../src/i18n/index.js';
import { buildSampleTrial } from '../../src/sample/sampleTrial.js';
import { tableCsv } from '../../src/reports/spreadsheet/csv.js';
import ExcelJS from 'exceljs';
import { tablesXlsx } from '../../src/reports/spreadsheet/xlsx.js';
import { buildTables } from '../../src/reports/spreadsheet/tables.js';
import { localTime, type Cell, type Table } from '../../src/reports/spreadsheet/table.js';

function csvOf(rows: Cell[][], headers = ['A']): string {
  const table: Table = {
    name: 'events',
    title: 'Events',
    columns: headers.map((header) => ({ header })),
    rows,
  };
  const bytes = tableCsv(table);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.subarray(3).toString('utf8');
}

describe('CSV fields', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+86 10 1234', "'+86 10 1234"],
    ['-rf', "'-rf"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['=HYPERLINK("http://x","click")', `"'=HYPERLINK(""http://x"",""click"")"`],
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['中文 备注', '中文 备注'],
  ])('when a text cell is %j, then the field is %j', (text, field) => {
    expect(csvOf([[text]])).toBe(`A\r\n${field}\r\n`);
  });

  it.each([
    [-5, '-5'],
    [97.5, '97.5'],
    [null, ''],
    [{ local: '2026-11-20 10:00' }, '2026-11-20 10:00'],
  ])('when a cell is %j, then it is written as %j without an apostrophe', (cell, field) => {
    expect(csvOf([[cell]])).toBe(`A\r\n${field}\r\n`);
  });

  it('when a header has a comma, then it is quoted like any field', () => {
    expect(csvOf([], ['Time (Asia/Shanghai)', 'a,b'])).toBe('Time (Asia/Shanghai),"a,b"\r\n');
  });
});

describe('times in the trial’s zone', () => {
  it.each([
    ['2026-11-20T02:00:00Z', 'Asia/Shanghai', '2026-11-20 10:00'],
    ['2026-07-01T12:00:00Z', 'America/New_York', '2026-07-01 08:00'],
    ['2026-12-01T12:00:00Z', 'America/New_York', '2026-12-01 07:00'],
    ['2026-11-20T10:00+08:00', 'UTC', '2026-11-20 02:00'],
  ])('when %s is shown in %s, then the wall-clock time is %s', (iso, zone, local) => {
    expect(localTime(iso, zone)).toEqual({ local });
  });

  it('when there is no time, then the cell is empty', () => {
    expect(localTime(undefined, 'Asia/Shanghai')).toBeNull();
  });
});

describe('the tables of a trial', () => {
  const now = new Date('2026-11-24T04:00:00Z');
  let next = 0;
  const data = buildSampleTrial(now, (prefix) => `${prefix}_${String((next += 1))}`);
  const card = computeScorecard(data, now.getTime());
  const tables = buildTables({ data, card, asOfMs: now.getTime(), t: translator('en') });

  it('when the sample trial is tabled, then every row has one cell per column', () => {
    for (const table of tables) {
      for (const row of table.rows) expect(row, table.name).toHaveLength(table.columns.length);
    }
  });

  it('when the sample trial is tabled, then there is a row per vendor, per probe and per event', () => {
    const rows = Object.fromEntries(tables.map((table) => [table.name, table.rows.length]));
    expect(rows).toEqual({
      scorecard: data.vendors.length,
      probes: data.probes.length,
      events: data.probes.reduce((sum, probe) => sum + probe.events.length, 0),
      clauses: data.vendors.length,
    });
  });

  it('when the scorecard is tabled, then vendors come in rank order with the rank as a number', () => {
    const ranks = tables[0]?.rows.map((row) => row[0]);
    expect(ranks).toEqual(card.vendors.map((vendor) => vendor.rank));
  });
});

describe('the workbook', () => {
  it('when a text holds a noncharacter XML refuses, then the workbook still opens with a replacement character there', async () => {
    const table: Table = {
      name: 'events',
      title: 'Events: [all]',
      columns: [{ header: 'Note' }, { header: 'Minutes', numberFormat: '0' }],
      rows: [['bad \uFFFF end', 42]],
    };

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await tablesXlsx([table])).buffer);

    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('Events   all ');
    expect(sheet?.getRow(2).getCell(1).value).toBe('bad \uFFFD end');
    expect(sheet?.getRow(2).getCell(2).value).toBe(42);
  });
});
