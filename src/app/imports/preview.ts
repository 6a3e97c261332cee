/**
 * The import preview (SPEC §8 `POST /trials/:trialId/imports`): uploaded files and a pasted
 * chat become proposed probes and events, kept for the person to check; nothing is stored.
 */
import {
  importProblem,
  type ImportContext,
  type ImportItem,
  type ImportProblem,
  type ImportProposal,
} from '../../domain/imports.js';
import type { AppDeps } from '../deps.js';
import { invalid, notFound } from '../errors.js';
import { getTrial } from '../trials.js';
import { proposeFromChat } from './chat.js';
import { proposeFromMail } from './mail.js';
import type { ColumnMapping } from './sheetColumns.js';
import { readCsv, readXlsx, type SheetRead } from './sheetFiles.js';
import { proposeFromSheet, type SheetColumn } from './sheetRows.js';
import type { ImportSession } from './sessions.js';

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportInput {
  files: readonly UploadedFile[];
  chat?: string | undefined;
  chatVendorId?: string | undefined;
  /** Which column holds which field, by header text or column number (the preview's mapping step). */
  mapping?: ColumnMapping | undefined;
}

type FileKind = 'xlsx' | 'csv' | 'mail' | 'unknown';

const startsWith = (bytes: Uint8Array, text: string) =>
  Buffer.from(bytes.subarray(0, text.length)).toString('latin1') === text;

const MAIL_HEADER =
  /^(Return-Path|Received|From|To|Subject|Date|Message-ID|MIME-Version|Delivered-To|X-[\w-]+):/im;

/**
 * What a file is, by its content first and its name second: a zip is a workbook whatever it
 * is called; an mbox starts "From "; a file of mail headers is a message.
 */
export function kindOfFile(file: UploadedFile): FileKind {
  const name = file.name.toLowerCase();
  if (startsWith(file.bytes, 'PK\u0003\u0004')) return 'xlsx';
  if (name.endsWith('.xlsx')) return 'unknown';
  if (name.endsWith('.eml') || name.endsWith('.mbox') || name.endsWith('.mbx')) return 'mail';
  if (name.endsWith('.csv') || name.endsWith('.tsv')) return 'csv';
  const head = Buffer.from(file.bytes.subarray(0, 2048)).toString('latin1');
  if (head.startsWith('From ') || MAIL_HEADER.test(head.split(/\r?\n\r?\n/)[0] ?? '')) return 'mail';
  return 'unknown';
}

/** What the parsers need to know: who is who in the trial, and what was imported before. */
export async function importContext(deps: AppDeps, trialId: string): Promise<ImportContext> {
  const trial = await getTrial(deps, trialId);
  const vendors = await deps.repository.listVendors(trialId);
  const probes = await deps.repository.listProbes(trialId);
  const importedKeys = new Set<string>();
  for (const probe of probes)
    for (const event of probe.events) if (event.importKey !== undefined) importedKeys.add(event.importKey);
  return { trial, vendors, probes, importedKeys, now: deps.now() };
}

/** Probe fields mail and chat do not say: a minor, ordinary, known problem, changeable in the preview. */
function withProbeDefaults(item: ImportItem): ImportItem {
  if (item.type !== 'probe' || item.probeId !== undefined || item.source.row !== undefined) return item;
  return {
    ...item,
    severity: item.severity ?? 'P2',
    category: item.category ?? 'other',
    difficulty: item.difficulty ?? 'known',
    channel: item.channel ?? (item.source.line === undefined ? 'email' : 'im'),
  };
}

interface Collected {
  proposals: ImportProposal[];
  problems: ImportProblem[];
  sheets: { file: string; columns: SheetColumn[] }[];
}

async function readSheet(file: UploadedFile, kind: 'csv' | 'xlsx'): Promise<SheetRead> {
  return kind === 'csv' ? readCsv(file.name, file.bytes) : readXlsx(file.name, file.bytes);
}

/**
 * Reads every upload into proposals. Sheets are read here; mail archives and a chat paste go
 * to their parsers. A file nobody can read is a file-level problem, never a failure.
 */
export async function previewImport(
  deps: AppDeps,
  trialId: string,
  input: ImportInput,
): Promise<ImportSession> {
  const context = await importContext(deps, trialId);
  if (input.files.length === 0 && (input.chat ?? '').trim() === '')
    throw invalid([
      { path: 'file', message: 'send at least one file or a chat transcript', reason: 'required' },
    ]);
  if (input.chatVendorId !== undefined && !context.vendors.some((vendor) => vendor.id === input.chatVendorId))
    throw invalid([
      { path: 'chatVendorId', message: 'unknown vendor in this trial', reason: 'unknownVendor' },
    ]);
  const collected: Collected = { proposals: [], problems: [], sheets: [] };
  const mailFiles: UploadedFile[] = [];
  for (const [index, file] of input.files.entries()) {
    const kind = kindOfFile(file);
    if (kind === 'mail') {
      mailFiles.push(file);
    } else if (kind === 'csv' || kind === 'xlsx') {
      const read = await readSheet(file, kind);
      if (!read.ok) {
        collected.problems.push(read.problem);
        continue;
      }
      const sheet = proposeFromSheet(read.table, context, {
        mapping: input.mapping,
        keyPrefix: `f${index + 1}`,
      });
      collected.sheets.push({ file: file.name, columns: sheet.columns });
      collected.proposals.push(sheet.proposal);
    } else {
      collected.problems.push(importProblem('file.unreadable', { file: file.name }));
    }
  }
  if (mailFiles.length > 0) collected.proposals.push(await proposeFromMail(mailFiles, context));
  const chat = input.chat ?? '';
  if (chat.trim() !== '')
    collected.proposals.push(
      proposeFromChat(
        chat,
        context,
        input.chatVendorId === undefined ? {} : { vendorId: input.chatVendorId },
      ),
    );

  const items = collected.proposals.flatMap((proposal) => proposal.items.map(withProbeDefaults));
  const originals = new Map(collected.proposals.flatMap((proposal) => [...proposal.originals]));
  const problems = [...collected.problems, ...collected.proposals.flatMap((proposal) => proposal.problems)];
  return deps.imports.add({ trialId, items, problems, originals, input, sheets: collected.sheets });
}

/** The same upload read again under the person's column mapping: a new preview replaces the old one. */
export async function remapImport(
  deps: AppDeps,
  importId: string,
  mapping: ColumnMapping,
): Promise<ImportSession> {
  const session = await deps.imports.get(importId);
  if (!session) throw notFound('import');
  const next = await previewImport(deps, session.trialId, { ...session.input, mapping });
  await deps.imports.delete(importId);
  return next;
}
