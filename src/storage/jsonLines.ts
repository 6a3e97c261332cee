/** A line of a JSON-lines file that cannot be read, and is not the last. */
export class DamagedJournalError extends Error {
  constructor(readonly line: number) {
    super(`damaged at line ${line}`);
  }
}

/**
 * The records of a JSON-lines file (the journal, the audit files), each line parsed and then
 * read by `read` (null: not a record of this file). A crash, or a write the disk refused, can
 * leave the last line cut short; it was never acknowledged and is dropped (`torn`), and
 * `goodLength` is where the readable part ends, in bytes. An unreadable line anywhere else
 * means the file is damaged: DamagedJournalError with its line number. Blank lines are skipped.
 */
export function readJsonLines<T>(
  bytes: Buffer,
  read: (value: unknown, lineNumber: number) => T | null,
): { records: T[]; goodLength: number; torn: boolean } {
  const records: T[] = [];
  let offset = 0;
  let lineNumber = 0;
  while (offset < bytes.length) {
    const newline = bytes.indexOf(0x0a, offset);
    const end = newline === -1 ? bytes.length : newline + 1;
    lineNumber++;
    const text = bytes.subarray(offset, end).toString('utf8').trim();
    if (text !== '') {
      let record: T | null;
      try {
        record = newline === -1 ? null : read(JSON.parse(text), lineNumber);
      } catch {
        record = null;
      }
      if (record === null) {
        if (end >= bytes.length) return { records, goodLength: offset, torn: true };
        throw new DamagedJournalError(lineNumber);
      }
      records.push(record);
    }
    offset = end;
  }
  return { records, goodLength: offset, torn: false };
}
