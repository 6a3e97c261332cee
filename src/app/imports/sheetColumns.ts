/**
 * The columns of an import sheet (README "Importing"): which header names mean which field,
 * in English and Chinese, and the mapping a person may change in the preview.
 */
import { z } from 'zod';

export const SHEET_FIELDS = [
  'type',
  'probe',
  'vendor',
  'title',
  'severity',
  'category',
  'difficulty',
  'channel',
  'at',
  'actor',
  'kind',
  'handler',
  'note',
  'vendorRef',
] as const;
export const SheetFieldSchema = z.enum(SHEET_FIELDS);
export type SheetField = z.infer<typeof SheetFieldSchema>;

/** Column mapping as the API accepts it: header text (or column number, from 1) → field, or '' to ignore. */
export const ColumnMappingSchema = z.record(z.string().max(200), z.union([SheetFieldSchema, z.literal('')]));
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/** The template's headers in each language: the first name of each field's aliases. */
export const TEMPLATE_HEADERS: Record<'en' | 'zh-CN', Record<SheetField, string>> = {
  en: {
    type: 'type',
    probe: 'probe',
    vendor: 'vendor',
    title: 'title',
    severity: 'severity',
    category: 'category',
    difficulty: 'difficulty',
    channel: 'channel',
    at: 'at',
    actor: 'actor',
    kind: 'kind',
    handler: 'handler',
    note: 'note',
    vendorRef: 'vendorRef',
  },
  'zh-CN': {
    type: '类型',
    probe: '探测',
    vendor: '厂商',
    title: '标题',
    severity: '严重级别',
    category: '类别',
    difficulty: '难度',
    channel: '渠道',
    at: '时间',
    actor: '一方',
    kind: '事件',
    handler: '处理人',
    note: '备注',
    vendorRef: '厂商工单号',
  },
};

/** More names people give these columns; compared without case, spaces, dashes or underscores. */
const MORE_ALIASES: Record<SheetField, string[]> = {
  type: ['row type', '行类型', '记录类型'],
  probe: ['probe key', 'probe id', 'probeId', 'ticket', '探测单', '工单', '探测编号'],
  vendor: ['vendor name', 'vendorId', '供应商', '厂商名称'],
  title: ['subject', 'summary', '主题', '问题'],
  severity: ['priority', 'sev', '级别', '优先级', '严重程度'],
  category: ['分类', '问题类别'],
  difficulty: ['难易', '难度级别'],
  channel: ['via', '渠道类型', '沟通渠道'],
  at: ['sentAt', 'sent at', 'time', 'date', 'datetime', 'when', '发送时间', '日期', '时间点'],
  actor: ['who', 'side', 'party', '角色', '发起方', '谁'],
  kind: ['event', 'event kind', 'event type', '事件类型', '动作'],
  handler: ['handled by', 'level', '处理层级', '处理方'],
  note: ['notes', 'text', 'comment', 'description', '说明', '内容', '描述'],
  vendorRef: ['vendor ref', 'ticket number', 'ticket no', 'ticket id', 'case', '工单号', '厂商单号'],
};

const normalise = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.:：]+/g, '');

const ALIASES = new Map<string, SheetField>(
  SHEET_FIELDS.flatMap((field) =>
    [field, TEMPLATE_HEADERS.en[field], TEMPLATE_HEADERS['zh-CN'][field], ...MORE_ALIASES[field]].map(
      (name): [string, SheetField] => [normalise(name), field],
    ),
  ),
);

/** The field a header names by itself, when it is one of the known names. */
export function fieldOfHeader(header: string): SheetField | undefined {
  return ALIASES.get(normalise(header));
}

/**
 * Which field each column holds: the person's mapping first (by header text or column
 * number), else the known names. A field claimed by two columns keeps the first.
 */
export function mapColumns(
  headers: readonly string[],
  mapping: ColumnMapping = {},
): (SheetField | undefined)[] {
  const taken = new Set<SheetField>();
  return headers.map((header, index) => {
    const chosen = mapping[header] ?? mapping[String(index + 1)];
    const field = chosen === undefined ? fieldOfHeader(header) : chosen === '' ? undefined : chosen;
    if (field === undefined || taken.has(field)) return undefined;
    taken.add(field);
    return field;
  });
}
