/**
 * A file layer that fails the way disks do, over the real files: the space runs out part-way
 * through a write (a short write, then ENOSPC), writes come back short, fsync reports EIO,
 * a rename or a truncate fails. Faults are armed per operation and file, so a test can drive
 * any write path of the store into any of them.
 */
import path from 'node:path';
import { nodeFileSystem, type FileHandle, type FileSystem } from '../../src/storage/fileSystem.js';

type Operation = 'write' | 'sync' | 'rename' | 'truncate' | 'open' | 'link';

interface ArmedFault {
  operation: Operation;
  /** Which files it hits: a part of the path ("db.journal", "audit/", ".db.json.tmp"), or any. */
  file?: string;
  code: string;
  /** How many times it fires before disarming itself (Infinity: until cleared). */
  times: number;
}

const fault = (code: string, operation: string, file: string) =>
  Object.assign(new Error(`${code}: injected ${operation} failure, '${file}'`), {
    code,
    syscall: operation,
    path: file,
  });

export class FaultyDisk implements FileSystem {
  /** Bytes that may still be written before the disk is full; writes past it stop short, then fail with ENOSPC. */
  spaceLeft = Number.POSITIVE_INFINITY;
  /** Every write writes at most half of what it is given (at least one byte). */
  shortWrites = false;
  private faults: ArmedFault[] = [];
  /** What was attempted, for tests that check an operation happened. */
  readonly log: string[] = [];

  constructor(private readonly real: FileSystem = nodeFileSystem) {}

  /** Fail the next `times` calls of `operation` on files matching `file` with `code`. */
  fail(
    operation: Operation,
    { file, code = 'EIO', times = 1 }: { file?: string; code?: string; times?: number } = {},
  ) {
    this.faults.push({ operation, file, code, times });
  }

  /** Space is back, faults are cleared: the disk works again. */
  heal(): void {
    this.spaceLeft = Number.POSITIVE_INFINITY;
    this.shortWrites = false;
    this.faults = [];
  }

  private check(operation: Operation, file: string): void {
    this.log.push(`${operation} ${path.basename(file)}`);
    const armed = this.faults.find(
      (candidate) =>
        candidate.operation === operation && (candidate.file === undefined || file.includes(candidate.file)),
    );
    if (!armed) return;
    armed.times--;
    if (armed.times <= 0) this.faults = this.faults.filter((candidate) => candidate !== armed);
    throw fault(armed.code, operation, file);
  }

  async open(file: string, flags: 'w' | 'r+' | 'a+', mode?: number): Promise<FileHandle> {
    this.check('open', file);
    const handle = await this.real.open(file, flags, mode);
    return {
      write: async (data, position) => {
        this.check('write', file);
        if (this.spaceLeft <= 0) throw fault('ENOSPC', 'write', file);
        let length = Math.min(data.length, this.spaceLeft);
        if (this.shortWrites) length = Math.max(1, Math.floor(length / 2));
        const written = await handle.write(data.subarray(0, length), position);
        this.spaceLeft -= written;
        return written;
      },
      datasync: async () => {
        this.check('sync', file);
        await handle.datasync();
      },
      sync: async () => {
        this.check('sync', file);
        await handle.sync();
      },
      truncate: async (length) => {
        this.check('truncate', file);
        await handle.truncate(length);
      },
      close: () => handle.close(),
    };
  }

  readFile(file: string): Promise<Buffer> {
    return this.real.readFile(file);
  }

  async rename(from: string, to: string): Promise<void> {
    this.check('rename', to);
    await this.real.rename(from, to);
  }

  async link(existing: string, to: string): Promise<void> {
    this.check('link', to);
    await this.real.link(existing, to);
  }

  remove(file: string): Promise<void> {
    return this.real.remove(file);
  }

  mkdir(folder: string, mode?: number): Promise<void> {
    return this.real.mkdir(folder, mode);
  }

  readdir(folder: string): Promise<string[]> {
    return this.real.readdir(folder);
  }

  stat(file: string): Promise<{ size: number; isFile: boolean }> {
    return this.real.stat(file);
  }

  async syncFolder(folder: string): Promise<void> {
    this.check('sync', folder);
    await this.real.syncFolder(folder);
  }
}
