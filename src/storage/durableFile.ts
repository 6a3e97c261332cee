import path from 'node:path';
import { writeAll, type FileSystem } from './fileSystem.js';

/** The temporary file beside `filename` through which it is replaced. */
export function temporaryOf(filename: string): string {
  return path.join(path.dirname(filename), `.${path.basename(filename)}.tmp`);
}

/**
 * Replace a file so that a crash at any moment leaves either the old or the new content,
 * complete: write a temporary file beside it, fsync it, rename it over the target, then
 * fsync the folder so the rename itself is on disk. (lowdb's own writer renames without
 * syncing, which a power cut can turn into an empty file.) When any step fails the
 * temporary file is removed, so a full disk leaves nothing behind but the old file.
 */
export async function writeFileDurably(
  files: FileSystem,
  filename: string,
  content: string | Uint8Array,
): Promise<void> {
  const temporary = temporaryOf(filename);
  try {
    const file = await files.open(temporary, 'w');
    try {
      await writeAll(file, typeof content === 'string' ? Buffer.from(content, 'utf8') : content, 0);
      await file.sync();
    } finally {
      await file.close();
    }
    await files.rename(temporary, filename);
  } catch (error) {
    await files.remove(temporary).catch(() => undefined);
    throw error;
  }
  await files.syncFolder(path.dirname(filename));
}
