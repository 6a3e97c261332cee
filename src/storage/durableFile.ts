import { open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replace a file so that a crash at any moment leaves either the old or the new content,
 * complete: write a temporary file beside it, fsync it, rename it over the target, then
 * fsync the folder so the rename itself is on disk. (lowdb's own writer renames without
 * syncing, which a power cut can turn into an empty file.)
 */
export async function writeFileDurably(filename: string, content: string): Promise<void> {
  const temporary = path.join(path.dirname(filename), `.${path.basename(filename)}.tmp`);
  const file = await open(temporary, 'w');
  try {
    await file.writeFile(content, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, filename);
  await syncFolder(path.dirname(filename));
}

/** Make a folder's entries (a file created, renamed or removed in it) survive a power cut. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The file's text, or null when it does not exist (the only error translated). */
export async function readTextIfExists(filename: string): Promise<string | null> {
  try {
    return await readFile(filename, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
