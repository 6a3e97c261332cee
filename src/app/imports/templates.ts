/**
 * The import sheet templates (README "Importing"): every column in the chosen language and
 * two example rows — a probe and the vendor's first reply to it — that import as they are.
 */
import { DateTime } from 'luxon';
import { translator, type Locale } from '../../i18n/index.js';
import type { AppDeps } from '../deps.js';
import { getTrial } from '../trials.js';
import { SHEET_FIELDS, TEMPLATE_HEADERS, type SheetField } from './sheetColumns.js';

export interface SheetTemplate {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

function exampleRows(locale: Locale, vendorName: string, zone: string): Record<SheetField, string>[] {
  const t = translator(locale);
  const zh = locale === 'zh-CN';
  const at = (hour: number, minute: number) =>
    DateTime.fromObject({ year: 2026, month: 11, day: 20, hour, minute }, { zone }).toISO({
      suppressMilliseconds: true,
      suppressSeconds: true,
    }) ?? '';
  const blank = Object.fromEntries(SHEET_FIELDS.map((field) => [field, ''])) as Record<SheetField, string>;
  return [
    {
      ...blank,
      type: zh ? '探测' : 'probe',
      probe: 'P-1',
      vendor: vendorName,
      title: zh ? '蓝牙耳机一对一通话有回声' : 'Echo in 1v1 calls on Bluetooth headsets',
      severity: 'P1',
      category: zh ? t('category.av-quality') : 'av-quality',
      difficulty: zh ? t('difficulty.hard') : 'hard',
      channel: zh ? t('channel.ticket') : 'ticket',
      at: at(10, 0),
      vendorRef: 'T-1024',
    },
    {
      ...blank,
      type: zh ? '事件' : 'event',
      probe: 'P-1',
      at: at(10, 20),
      actor: zh ? t('actor.vendor') : 'vendor',
      kind: zh ? t('event.ack') : 'ack',
      handler: 'L1',
      note: zh ? '已收到，正在排查' : 'Received, looking into it',
    },
  ];
}

const csvCell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The template of a trial (its first vendor's name in the example) as CSV with a BOM, or XLSX. */
export async function sheetTemplate(
  deps: AppDeps,
  trialId: string,
  locale: Locale,
  format: 'csv' | 'xlsx',
): Promise<SheetTemplate> {
  const trial = await getTrial(deps, trialId);
  const vendors = await deps.repository.listVendors(trialId);
  const headers = SHEET_FIELDS.map((field) => TEMPLATE_HEADERS[locale][field]);
  const rows = exampleRows(locale, vendors[0]?.name ?? 'NimbusRTC', trial.timezone).map((row) =>
    SHEET_FIELDS.map((field) => row[field]),
  );
  const baseName = locale === 'zh-CN' ? 'import-template-zh-CN' : 'import-template-en';
  if (format === 'csv') {
    const text = [headers, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n');
    return {
      fileName: `${baseName}.csv`,
      contentType: 'text/csv; charset=utf-8',
      bytes: Buffer.from(`\uFEFF${text}\r\n`, 'utf8'),
    };
  }
  // exceljs is loaded with the first workbook, not at server start (a quarter of a second).
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(locale === 'zh-CN' ? '导入' : 'Import');
  sheet.addRow(headers).font = { bold: true };
  // Text cells throughout: Excel must not turn times or ticket numbers into numbers.
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column) => {
    column.width = 18;
    column.numFmt = '@';
  });
  return {
    fileName: `${baseName}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
