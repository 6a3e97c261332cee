import { constants } from 'node:fs';
import * as fs from 'node:fs/promises';

/**
 * The few file operations storage needs, as a port: the real one below, and in the tests a
 * layer that injects the faults a disk really produces (ENOSPC after N bytes, short writes,
 * EIO on fsync, a failing rename), so every write path can be driven into each of them.
 */
export interface FileHandle {
  /** Writes at `position`; may write fewer bytes than given (returns how many). */
  write(data: Uint8Array, position: number): Promise<number>;
  /** Flushes the file's data (not necessarily its metadata) to the disk. */
  datasync(): Promise<void>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

export interface FileSystem {
  /** 'w' creates or empties, 'r+' opens an existing file, 'a+' creates if missing without emptying. */
  open(file: string, flags: 'w' | 'r+' | 'a+', mode?: number): Promise<FileHandle>;
  readFile(file: string): Promise<Buffer>;
  rename(from: string, to: string): Promise<void>;
  /** A second name for an existing file (a hard link); EEXIST when `to` exists, EXDEV across disks. */
  link(existing: string, to: string): Promise<void>;
  /** Removes a file; nothing happens when it is already gone. */
  remove(file: string): Promise<void>;
  mkdir(folder: string, mode?: number): Promise<void>;
  readdir(folder: string): Promise<string[]>;
  stat(file: string): Promise<{ size: number; isFile: boolean }>;
  /** Makes a folder's entries (a file created, renamed or removed in it) survive a power cut. */
  syncFolder(folder: string): Promise<void>;
}

/** Data files hold password digests: readable by the server's user only. */
export const FILE_MODE = 0o600;
export const FOLDER_MODE = 0o700;

export const nodeFileSystem: FileSystem = {
  async open(file, flags, mode = FILE_MODE) {
    const handle = await fs.open(file, flags, mode);
    return {
      write: async (data, position) => (await handle.write(data, 0, data.length, position)).bytesWritten,
      datasync: () => handle.datasync(),
      sync: () => handle.sync(),
      truncate: (length) => handle.truncate(length),
      close: () => handle.close(),
    };
  },
  readFile: (file) => fs.readFile(file),
  rename: (from, to) => fs.rename(from, to),
  link: (existing, to) => fs.link(existing, to),
  remove: (file) => fs.rm(file, { force: true }),
  async mkdir(folder, mode = FOLDER_MODE) {
    await fs.mkdir(folder, { recursive: true, mode });
  },
  readdir: (folder) => fs.readdir(folder),
  async stat(file) {
    const stats = await fs.stat(file);
    return { size: stats.size, isFile: stats.isFile() };
  },
  async syncFolder(folder) {
    const handle = await fs.open(folder, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

export const errorCode = (error: unknown): string | undefined =>
  (error as NodeJS.ErrnoException | null)?.code;

/**
 * A disk (or quota) with no room left: the one write failure a person can fix by freeing space.
 * The data folder's files say so with errno codes, PostgreSQL with SQLSTATE 53100 (disk_full).
 */
export const isDiskFull = (error: unknown): boolean =>
  ['ENOSPC', 'EDQUOT', '53100'].includes(errorCode(error) ?? '');

/** Writes every byte, however many short writes it takes; a write that makes no progress is an error. */
export async function writeAll(handle: FileHandle, data: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const written = await handle.write(data.subarray(done), position + done);
    if (written <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
    done += written;
  }
}

/** The file's bytes, or null when it does not exist (the only error translated). */
export async function readIfExists(files: FileSystem, file: string): Promise<Buffer | null> {
  try {
    return await files.readFile(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

export async function exists(files: FileSystem, file: string): Promise<boolean> {
  try {
    await files.stat(file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}
