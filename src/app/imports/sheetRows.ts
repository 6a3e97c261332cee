/**
 * Sheet rows → proposed probes and events (README "Importing"). One row is one probe or one
 * event; an event names its probe by a probe row's `probe` key, an existing probe's id or its
 * vendor ticket number. Problems carry the row number; nothing here is stored.
 */
import { createHash } from 'node:crypto';
import {
  importProblem,
  type ImportContext,
  type ImportItem,
  type ImportProblem,
  type ImportProposal,
} from '../../domain/imports.js';
import { isVendorKind, type Probe } from '../../domain/schemas.js';
import { mapColumns, type ColumnMapping, type SheetField } from './sheetColumns.js';
import {
  readActor,
  readCategory,
  readChannel,
  readDifficulty,
  readHandler,
  readKind,
  readRowType,
  readSeverity,
  readTime,
} from './sheetValues.js';

export interface SheetTable {
  file: string;
  headers: string[];
  /** Data rows with their row number in the sheet (the header is row 1). */
  rows: { row: number; cells: string[] }[];
}

/** Which field each column was read as, for the preview's mapping step. */
export interface SheetColumn {
  header: string;
  field: SheetField | undefined;
}

export interface SheetReading {
  columns: SheetColumn[];
  proposal: ImportProposal;
}

type Row = Partial<Record<SheetField, string>>;

/** Probe fields left blank in a sheet: a minor, ordinary, known problem (shown in the preview). */
const PROBE_DEFAULTS = { severity: 'P2', category: 'other', difficulty: 'known' } as const;

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

function rowValues(cells: readonly string[], fields: readonly (SheetField | undefined)[]): Row {
  const row: Row = {};
  fields.forEach((field, index) => {
    const value = cells[index]?.trim() ?? '';
    if (field !== undefined && value !== '') row[field] = value;
  });
  return row;
}

/** Reads an enum cell: blank → the default, unreadable → a problem and nothing. */
function enumCell<T>(
  value: string | undefined,
  read: (text: string) => T | undefined,
  field: string,
  problems: ImportProblem[],
  fallback?: T,
): T | undefined {
  if (value === undefined) return fallback;
  const read_ = read(value);
  if (read_ === undefined) problems.push(importProblem('sheet.unknownValue', { field, value }));
  return read_;
}

export function proposeFromSheet(
  table: SheetTable,
  context: ImportContext,
  { mapping, keyPrefix }: { mapping?: ColumnMapping; keyPrefix: string },
): SheetReading {
  const fields = mapColumns(table.headers, mapping);
  const columns = table.headers.map((header, index) => ({ header, field: fields[index] }));
  const problems: ImportProblem[] = [];
  if (!fields.includes('title') && !fields.includes('kind'))
    problems.push(importProblem('sheet.noColumns', { file: table.file }));
  const zone = context.trial.timezone;
  const vendorOf = (text: string | undefined) =>
    text === undefined
      ? undefined
      : context.vendors.find(
          (vendor) => vendor.id === text || vendor.name.trim().toLowerCase() === text.toLowerCase(),
        );
  const probes: ImportItem[] = [];
  const events: ImportItem[] = [];
  const probeKeys = new Map<string, ImportItem>();
  const seen = new Map<string, number>();
  const pendingEvents: { row: number; values: Row; item: ImportItem }[] = [];

  for (const { row, cells } of table.rows) {
    const values = rowValues(cells, fields);
    if (Object.keys(values).length === 0) continue;
    const signature = JSON.stringify(Object.entries(values).sort());
    const first = seen.get(signature);
    if (first !== undefined) {
      problems.push(importProblem('sheet.duplicateRow', { file: table.file, row, first }));
      continue;
    }
    seen.set(signature, row);
    const itemProblems: ImportProblem[] = [];
    const type =
      values.type === undefined
        ? values.kind === undefined
          ? 'probe'
          : 'event'
        : enumCell(values.type, readRowType, 'type', itemProblems);
    const time = values.at === undefined ? undefined : readTime(values.at, zone);
    if (time === undefined) itemProblems.push(importProblem('sheet.noTime'));
    else if (!time.ok)
      itemProblems.push(
        importProblem(time.reason === 'dateOnly' ? 'sheet.dateOnly' : 'sheet.badTime', {
          value: values.at ?? '',
        }),
      );
    else if (time.zoneAssumed) itemProblems.push(importProblem('sheet.zoneAssumed', { zone }));
    const base = {
      key: `${keyPrefix}r${row}`,
      source: { file: table.file, row },
      problems: itemProblems,
      at: time?.ok ? time.at : undefined,
      text: values.note,
    };
    if (type === 'event') {
      const kind = enumCell(values.kind, readKind, 'kind', itemProblems);
      const actor =
        enumCell(values.actor, readActor, 'actor', itemProblems) ??
        (kind === undefined ? undefined : isVendorKind(kind) ? 'vendor' : 'buyer');
      if (values.kind === undefined) itemProblems.push(importProblem('sheet.noKind'));
      if (kind !== undefined && actor !== undefined && (actor === 'vendor') !== isVendorKind(kind))
        itemProblems.push(importProblem('sheet.kindNotActor', { kind, actor }));
      const item: ImportItem = {
        ...base,
        type: 'event',
        kind,
        actor,
        handler: enumCell(values.handler, readHandler, 'handler', itemProblems),
        importKey: `sheet:${hashOf(signature)}`,
      };
      if (context.importedKeys.has(item.importKey ?? ''))
        itemProblems.push(importProblem('sheet.alreadyImported'));
      pendingEvents.push({ row, values, item });
      continue;
    }
    const vendor = vendorOf(values.vendor);
    if (values.vendor === undefined) itemProblems.push(importProblem('sheet.noVendor'));
    else if (!vendor) itemProblems.push(importProblem('sheet.unknownVendor', { vendor: values.vendor }));
    if (values.title === undefined) itemProblems.push(importProblem('sheet.noTitle'));
    if (values.channel === undefined) itemProblems.push(importProblem('sheet.noChannel'));
    const item: ImportItem = {
      ...base,
      type: 'probe',
      probeKey: `${keyPrefix}r${row}`,
      vendorId: vendor?.id,
      title: values.title,
      vendorRef: values.vendorRef,
      severity: enumCell(values.severity, readSeverity, 'severity', itemProblems, PROBE_DEFAULTS.severity),
      category: enumCell(values.category, readCategory, 'category', itemProblems, PROBE_DEFAULTS.category),
      difficulty: enumCell(
        values.difficulty,
        readDifficulty,
        'difficulty',
        itemProblems,
        PROBE_DEFAULTS.difficulty,
      ),
      channel: enumCell(values.channel, readChannel, 'channel', itemProblems),
    };
    const existing = context.probes.find((probe) => sameProbe(probe, item));
    if (existing) {
      item.probeId = existing.id;
      itemProblems.push(importProblem('sheet.probeExists'));
    }
    if (values.probe !== undefined) {
      if (probeKeys.has(values.probe))
        itemProblems.push(importProblem('sheet.probeKeyUsed', { probe: values.probe }));
      else probeKeys.set(values.probe, item);
    }
    probes.push(item);
  }

  for (const { values, item } of pendingEvents) {
    const reference = values.probe;
    const proposed = reference === undefined ? undefined : probeKeys.get(reference);
    const existing =
      reference === undefined ? undefined : existingProbe(context, reference, vendorOf(values.vendor)?.id);
    if (proposed) {
      item.probeKey = proposed.probeKey;
      item.vendorId = proposed.vendorId;
    } else if (existing) {
      item.probeId = existing.id;
      item.vendorId = existing.vendorId;
    } else
      item.problems.push(
        reference === undefined
          ? importProblem('sheet.noProbe')
          : importProblem('sheet.unknownProbe', { probe: reference }),
      );
    events.push(item);
  }
  return { columns, proposal: { items: [...probes, ...events], problems, originals: new Map() } };
}

/** A probe row imported before: same vendor and ticket number, or same vendor, title and time sent. */
function sameProbe(probe: Probe, item: ImportItem): boolean {
  if (probe.vendorId !== item.vendorId) return false;
  if (item.vendorRef !== undefined && probe.vendorRef === item.vendorRef) return true;
  return (
    probe.title === item.title && item.at !== undefined && Date.parse(probe.sentAt) === Date.parse(item.at)
  );
}

/** An existing probe named by its id, or by its vendor ticket number (within the vendor when given). */
function existingProbe(
  context: ImportContext,
  reference: string,
  vendorId: string | undefined,
): Probe | undefined {
  const byId = context.probes.find((probe) => probe.id === reference);
  if (byId) return byId;
  const byRef = context.probes.filter(
    (probe) => probe.vendorRef === reference && (vendorId === undefined || probe.vendorId === vendorId),
  );
  return byRef.length === 1 ? byRef[0] : undefined;
}
