/** The database file could not be used; start-up stops and the file is left as it is. */
export class StorageError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(
      `Database file ${file}: ${problem}. The file was left untouched; fix or restore it, then start again.`,
    );
    this.name = 'StorageError';
  }
}

/** Another live process holds the data folder; nothing was read or written. */
export class FolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`The data folder ${dataDir} is in use by process ${pid}; stop that process first.`);
    this.name = 'FolderInUseError';
  }
}
