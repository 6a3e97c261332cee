/** The database file could not be used; start-up stops and the file is left as it is. */
export class StorageError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}. The file was left untouched; fix or restore it, then start again.`);
    this.name = 'StorageError';
  }
}

/** Another live process holds the data folder; nothing was read or written. */
export class FolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by ${pid > 0 ? `process ${pid}` : 'another process'}; stop that process first.`,
    );
    this.name = 'FolderInUseError';
  }
}

/**
 * A change could not be written (the disk is full, or refused the write): nothing of it was
 * kept, in memory or on disk, and the data as it was stays readable. `diskFull` says whether
 * freeing space is the cure; writes are tried afresh each time, so none needs a restart.
 */
export class WriteRefusedError extends Error {
  constructor(
    readonly diskFull: boolean,
    override readonly cause: unknown,
  ) {
    super(
      diskFull
        ? 'The disk holding the data is full: the change was not saved. Free some space and try again.'
        : 'The change could not be written to disk and was not saved. Try again; if it persists, check the disk.',
    );
    this.name = 'WriteRefusedError';
  }
}
