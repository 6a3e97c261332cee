import { randomBytes } from 'node:crypto';
import { chmod } from 'node:fs/promises';
import path from 'node:path';
import type { AuditEntry } from '../domain/accounts.js';
import { emptyDatabase, SCHEMA_VERSION, type Database } from '../domain/database.js';
import { AppendOnlyFile } from './appendOnlyFile.js';
import { AuditFiles } from './auditFiles.js';
import { CommandQueue, decideBatch, touchesTrials, type Command } from './batch.js';
import { folderFiles, loadDataFolder, removeLeftovers } from './dataFolder.js';
import { DatabaseFile } from './databaseFile.js';
import { writeFileDurably } from './durableFile.js';
import { WriteRefusedError } from './errors.js';
import { isDiskFull, nodeFileSystem, type FileSystem } from './fileSystem.js';
import { fingerprintOf } from './fingerprint.js';
import { batchLine, headerLine, journalChange, type JournalChange } from './journal.js';
import { acquireLock, type Lock } from './lock.js';
import { storedRecordProblem } from './recordCheck.js';
import type { Decision, RecordStore } from './recordStore.js';
import { Tables, type TableView } from './tables.js';

/** The journal is folded into db.json once it grows past this (and on every open and close). */
const COMPACT_AFTER_BYTES = 8 * 1024 * 1024;
/** After a failed fold (a full disk, say), wait this many batches before trying again. */
const FOLD_RETRY_BATCHES = 50;
export type { Decision, UnnumberedAuditEntry } from './recordStore.js';

export interface StoreOptions {
  /** The file layer; the tests pass one that injects faults. */
  files?: FileSystem;
  compactAfterBytes?: number;
  /** Drops records that no longer matter when the journal is folded (expired sessions, old request answers). */
  keepOnFold?: (tables: Tables) => void;
}

const newGeneration = () => randomBytes(12).toString('base64url');

/**
 * The one path through which data is read and written. Readers see only acknowledged data.
 * A write is a command: a function that looks at the data and decides what to put, remove
 * and audit. Commands queue up and run in batches (group commit): each decides against the
 * data with the batch's earlier decisions laid over it, the batch goes to the journal as one
 * synced line, and only then is it applied to the data and acknowledged. When the write fails,
 * nothing of the batch is kept — in memory or on disk — and each command is refused with a
 * WriteRefusedError; the next batch tries the disk afresh.
 */
export class Store implements RecordStore {
  private readonly commands = new CommandQueue(
    (batch) => this.writeBatch(batch),
    () => this.foldWhenDue(),
  );
  private changes = 0;
  private trialChanges = 0;
  private batchesSinceFailedFold = 0;
  private foldFailed = false;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly dataDir: string,
    private readonly files: FileSystem,
    private readonly lock: Lock,
    private readonly tables: Tables,
    private readonly audit: AuditFiles,
    private unfolded: AuditEntry[],
    private auditSeq: number,
    private generation: string,
    private journal: AppendOnlyFile | null,
    /** The journal is `db.journal.next`: a fold could not rename it into place yet. */
    private journalIsNext: boolean,
    private readonly options: StoreOptions,
  ) {}

  /**
   * Open `$dataDir` (created, readable by this user only, when missing), taking its lock so
   * no second process writes it. db.json with its journal replayed is folded into a new
   * db.json at once — unless there is nothing to fold: db.json found as the store wrote it
   * (its fingerprint matches) and a journal that holds nothing yet, which is appended to as
   * it is. A file from an earlier schema version is first copied to
   * `backups/db-v<N>-before-migration-<time>.json`.
   */
  static async open(dataDir: string, options: StoreOptions = {}): Promise<Store> {
    const files = options.files ?? nodeFileSystem;
    await files.mkdir(dataDir);
    await chmod(dataDir, 0o700).catch(() => undefined);
    const lock = await acquireLock(dataDir);
    try {
      await removeLeftovers(files, dataDir);
      const loaded = await loadDataFolder(files, dataDir);
      for (const folded of loaded?.foldedJournals ?? []) await files.remove(folded);
      if (loaded && loaded.fileVersion < SCHEMA_VERSION && loaded.originalContent !== null) {
        const stamp = new Date().toISOString().replace(/[-:.]/g, '');
        const backupsFolder = folderFiles(dataDir).backups;
        await files.mkdir(backupsFolder);
        const backup = path.join(backupsFolder, `db-v${loaded.fileVersion}-before-migration-${stamp}.json`);
        await writeFileDurably(files, backup, loaded.originalContent);
      }
      const audit = await AuditFiles.open(files, dataDir);
      const database = loaded?.database;
      const active = loaded?.journal ?? null;
      const journal = active
        ? await AppendOnlyFile.open(files, active.filename, active.goodLength, active.size)
        : null;
      const store = new Store(
        dataDir,
        files,
        lock,
        new Tables(database ?? emptyDatabase('')),
        audit,
        (loaded?.audit ?? []).filter((entry) => entry.seq > audit.lastSeq),
        Math.max(database?.auditSeq ?? 0, audit.lastSeq),
        database?.generation ?? newGeneration(),
        journal,
        active?.filename === folderFiles(dataDir).nextJournal,
        options,
      );
      const nothingToFold =
        loaded?.checked === 'fingerprint' &&
        loaded.replayed === 0 &&
        active !== null &&
        active.goodLength === active.size &&
        !store.journalIsNext;
      try {
        // What the fold would leave out (expired sessions, old request answers) goes all the same.
        if (nothingToFold) options.keepOnFold?.(store.tables);
        else await store.fold();
      } catch (error) {
        // Without a journal to append to (a new folder, a migrated or older file) there is no
        // safe way to write: refuse to start. Otherwise keep serving from the journal.
        if (!journal || loaded?.fileVersion !== SCHEMA_VERSION) {
          await store.journal?.close().catch(() => undefined);
          await audit.close();
          throw error;
        }
        store.foldFailed = true;
        console.error('Could not fold the journal into db.json at start; will try again later:', error);
      }
      return store;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** The data folder, and the file layer writing it: attachment files live beside the database. */
  get folder(): { dataDir: string; files: FileSystem } {
    return { dataDir: this.dataDir, files: this.files };
  }

  /** The acknowledged data, for queries. Records are frozen: change them only through `commit`. */
  get view(): TableView {
    return this.tables;
  }

  /** This process is the folder's only writer: what it holds is all there is. */
  refresh(): Promise<void> {
    return Promise.resolve();
  }

  /** Resolves once every queued command, and the fold that may follow them, is done. */
  settled(): Promise<void> {
    return this.commands.settled();
  }

  /** A number that grows with every acknowledged change: for backups. */
  get revision(): number {
    return this.changes;
  }

  /** Grows with every change to trial data: what was computed at one value still holds. */
  get dataRevision(): number {
    return this.trialChanges;
  }

  /** The data as db.json would hold it now, for a backup (a generation of its own, so no journal replays over it). */
  snapshot(): string {
    return this.serialize(newGeneration(), null);
  }

  /** Audit entries, newest first: those still in the journal, then the audit files'. */
  async *auditNewestFirst(): AsyncGenerator<AuditEntry> {
    const unfolded = this.unfolded.slice();
    for (let index = unfolded.length - 1; index >= 0; index--) {
      const entry = unfolded[index];
      if (entry) yield entry;
    }
    const oldestUnfolded = unfolded[0]?.seq ?? Number.POSITIVE_INFINITY;
    for await (const entry of this.audit.newestFirst()) if (entry.seq < oldestUnfolded) yield entry;
  }

  /** Runs a command (see RecordStore.commit): acknowledged once its batch's journal line is synced. */
  commit<T>(decide: (view: TableView) => Decision<T>): Promise<T> {
    return this.commands.push(decide);
  }

  private async foldWhenDue(): Promise<void> {
    if (!this.shouldFold()) return;
    await this.fold().catch((error: unknown) => {
      this.noteFailedFold(error);
    });
  }

  private async writeBatch(batch: Command[]): Promise<void> {
    const lines: JournalChange[] = [];
    // Each change is written against the records as they stand before it, which a replay reproduces.
    const { decided, changes, auditSeq } = decideBatch(this.tables, batch, this.auditSeq, (change, before) =>
      lines.push(journalChange(change, (collection, key) => before.get(collection, key))),
    );
    if (changes.length > 0) {
      try {
        await this.appendToJournal(batchLine(lines));
      } catch (error) {
        const refused = new WriteRefusedError(isDiskFull(error), error);
        if (!refused.diskFull) console.error('Could not write to the journal:', error);
        for (const { command } of decided) command.reject(refused);
        return;
      }
      for (const change of changes) {
        this.tables.apply(change);
        this.unfolded.push(...(change.audit ?? []));
        if (touchesTrials(change)) this.trialChanges++;
      }
      this.auditSeq = auditSeq;
      this.changes++;
    }
    for (const { command, result } of decided) command.resolve(result);
  }

  private async appendToJournal(line: string): Promise<void> {
    if (!this.journal) throw new Error('No journal to write to');
    await this.journal.append(line);
  }

  private shouldFold(): boolean {
    if (this.foldFailed) return ++this.batchesSinceFailedFold >= FOLD_RETRY_BATCHES;
    return (this.journal?.length ?? 0) > (this.options.compactAfterBytes ?? COMPACT_AFTER_BYTES);
  }

  private noteFailedFold(error: unknown): void {
    this.foldFailed = true;
    this.batchesSinceFailedFold = 0;
    if (!isDiskFull(error)) console.error('Could not fold the journal into db.json:', error);
  }

  private serialize(generation: string, replaces: string | null): string {
    const database: Database = {
      version: SCHEMA_VERSION,
      generation,
      replaces,
      auditSeq: this.auditSeq,
      ...(this.tables.toCollections() as Pick<Database, 'trials'>),
    } as Database;
    return JSON.stringify(database);
  }

  /**
   * Fold the journal into a new db.json. Order matters for a crash at any point: the audit
   * entries reach their files first (a replay skips the ones already there); then the next
   * journal is created, naming a new generation; then db.json of that generation replaces
   * the old one, recording which generation it replaces (so the old journal, if a crash
   * leaves it, is known to be folded in); last the new journal takes the usual name.
   */
  private async fold(): Promise<void> {
    const names = folderFiles(this.dataDir);
    if (this.journalIsNext) {
      await this.files.rename(names.nextJournal, names.journal);
      await this.files.syncFolder(this.dataDir);
      this.journalIsNext = false;
    }
    await this.audit.append(this.unfolded);
    this.unfolded = [];
    this.options.keepOnFold?.(this.tables);
    const generation = newGeneration();
    const content = Buffer.from(this.serialize(generation, this.generation), 'utf8');
    // Every record was checked (at open, or now if changed since): the next start may trust the file.
    const problem = this.tables.checkChanged(storedRecordProblem);
    if (problem !== null)
      console.error(
        `db.json is written without a fingerprint, the next start validates all of it: ${problem}`,
      );
    const header = headerLine(generation, problem === null ? fingerprintOf(content) : undefined);
    const next = await AppendOnlyFile.create(this.files, names.nextJournal, header).catch(
      async (error: unknown) => {
        await this.files.remove(names.nextJournal).catch(() => undefined);
        throw error;
      },
    );
    try {
      await this.files.syncFolder(this.dataDir);
      await new DatabaseFile(this.files, names.database).write(content);
    } catch (error) {
      await next.close().catch(() => undefined);
      await this.files.remove(names.nextJournal).catch(() => undefined);
      throw error;
    }
    const previous = this.journal;
    this.journal = next;
    this.generation = generation;
    this.journalIsNext = true;
    this.foldFailed = false;
    await previous?.close().catch(() => undefined);
    try {
      await this.files.rename(names.nextJournal, names.journal);
      await this.files.syncFolder(this.dataDir);
      this.journalIsNext = false;
    } catch (error) {
      // The new journal keeps its `.next` name until a later fold renames it; a start finds it by its generation.
      console.error('Could not rename the new journal into place; will try again:', error);
    }
  }

  /**
   * Wait for every queued command, fold the journal into db.json and let another process open
   * the folder. When the fold fails (a full disk) the journal stays, complete, for the next start.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.commands.close();
      try {
        // A refused change that could not be cut from the journal yet must not outlive the stop.
        await this.journal?.settle().catch(() => undefined);
        await this.fold();
      } catch (error) {
        console.error(
          'db.json could not be rewritten on close; every change is kept in the journal and folded in at the next start:',
          error,
        );
      } finally {
        await this.journal?.close().catch(() => undefined);
        await this.audit.close().catch(() => undefined);
        await this.lock.release();
      }
    })();
    return this.closing;
  }
}
