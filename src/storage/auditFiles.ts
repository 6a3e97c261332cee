import path from 'node:path';
import type { AuditEntry } from '../domain/accounts.js';
import { AppendOnlyFile } from './appendOnlyFile.js';
import { StorageError } from './errors.js';
import { readIfExists, type FileSystem } from './fileSystem.js';
import { DamagedJournalError, readJsonLines } from './jsonLines.js';

/** A new audit file is started once the current one passes this size. */
const SEGMENT_BYTES = 16 * 1024 * 1024;
const SEGMENT_NAME = /^audit-(\d{6})\.jsonl$/;

const segmentName = (number: number) => `audit-${String(number).padStart(6, '0')}.jsonl`;

/** The entries in one audit file's bytes, with the length of its readable part. */
function parseSegment(bytes: Buffer): { entries: AuditEntry[]; goodLength: number } {
  const { records, goodLength } = readJsonLines(bytes, (value) =>
    typeof (value as { seq?: unknown } | null)?.seq === 'number' ? (value as AuditEntry) : null,
  );
  return { entries: records, goodLength };
}

/**
 * The audit log in its own append-only files (`$DATA_DIR/audit/audit-000001.jsonl`, …), one
 * JSON entry a line, oldest first. Entries reach them from the journal, where each was
 * written in the same synced record as the change it describes; they are copied here when
 * the journal is folded into db.json, so the log never makes a change cost more than its size.
 */
export class AuditFiles {
  private constructor(
    private readonly files: FileSystem,
    private readonly folder: string,
    private current: AppendOnlyFile | null,
    private currentNumber: number,
    private newestSeq: number,
  ) {}

  static async open(files: FileSystem, dataDir: string): Promise<AuditFiles> {
    const folder = path.join(dataDir, 'audit');
    await files.mkdir(folder);
    const numbers = await segmentNumbers(files, folder);
    const newest = numbers[numbers.length - 1];
    if (newest === undefined) return new AuditFiles(files, folder, null, 0, 0);
    const filename = path.join(folder, segmentName(newest));
    const bytes = (await readIfExists(files, filename)) ?? Buffer.alloc(0);
    let parsed: ReturnType<typeof parseSegment>;
    try {
      parsed = parseSegment(bytes);
    } catch (error) {
      if (error instanceof DamagedJournalError) throw new StorageError(filename, error.message);
      throw error;
    }
    // A cut-short last line is ours (a fold interrupted by a crash); its entries are still in the journal.
    const file = await AppendOnlyFile.open(files, filename, parsed.goodLength, bytes.length);
    const newestSeq =
      parsed.entries[parsed.entries.length - 1]?.seq ?? (await lastSeqBefore(files, folder, numbers));
    return new AuditFiles(files, folder, file, newest, newestSeq);
  }

  /** The sequence number of the newest entry in the files (0 when there is none). */
  get lastSeq(): number {
    return this.newestSeq;
  }

  /** Appends the entries newer than the files' newest, synced; on failure the files are as they were. */
  async append(entries: readonly AuditEntry[]): Promise<void> {
    const fresh = entries.filter((entry) => entry.seq > this.newestSeq);
    if (fresh.length === 0) return;
    if (!this.current || this.current.length > SEGMENT_BYTES) {
      const number = this.currentNumber + 1;
      const next = await AppendOnlyFile.create(this.files, path.join(this.folder, segmentName(number)), '');
      await this.files.syncFolder(this.folder);
      await this.current?.close();
      this.current = next;
      this.currentNumber = number;
    }
    await this.current.append(fresh.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    this.newestSeq = fresh[fresh.length - 1]?.seq ?? this.newestSeq;
  }

  /** Every entry in the files, newest first, read from disk as they are walked. */
  async *newestFirst(): AsyncGenerator<AuditEntry> {
    const numbers = await segmentNumbers(this.files, this.folder);
    for (const number of numbers.reverse()) {
      const bytes = await readIfExists(this.files, path.join(this.folder, segmentName(number)));
      if (!bytes) continue;
      const { entries } = parseSegment(bytes);
      for (let index = entries.length - 1; index >= 0; index--) {
        const entry = entries[index];
        if (entry) yield entry;
      }
    }
  }

  async close(): Promise<void> {
    await this.current?.close();
    this.current = null;
  }
}

/** Every entry in the audit files, oldest first, read without changing anything (for checks and tests). */
export async function readAuditFiles(files: FileSystem, dataDir: string): Promise<AuditEntry[]> {
  const folder = path.join(dataDir, 'audit');
  let numbers: number[];
  try {
    numbers = await segmentNumbers(files, folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: AuditEntry[] = [];
  for (const number of numbers) {
    const bytes = await readIfExists(files, path.join(folder, segmentName(number)));
    if (bytes) entries.push(...parseSegment(bytes).entries);
  }
  return entries;
}

async function segmentNumbers(files: FileSystem, folder: string): Promise<number[]> {
  const names = await files.readdir(folder);
  return names
    .map((name) => SEGMENT_NAME.exec(name)?.[1])
    .filter((number): number is string => number !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** The newest entry's number when the newest file is still empty (just started). */
async function lastSeqBefore(files: FileSystem, folder: string, numbers: number[]): Promise<number> {
  for (const number of numbers.slice(0, -1).reverse()) {
    const bytes = await readIfExists(files, path.join(folder, segmentName(number)));
    const entries = bytes ? parseSegment(bytes).entries : [];
    const last = entries[entries.length - 1];
    if (last) return last.seq;
  }
  return 0;
}
