import { writeAll, type FileHandle, type FileSystem } from './fileSystem.js';

/**
 * A file that only grows, one synced record at a time — the journal and the audit files.
 * A record counts once all its bytes are written and synced; when any step fails (a full
 * disk after half the bytes, a failed fsync) the file is cut back to its last good length,
 * so the refused record leaves nothing behind and the next one starts on a clean line.
 * If even the cut fails, the next append tries it again first and refuses until it works.
 */
export class AppendOnlyFile {
  private dirty = false;

  private constructor(
    readonly filename: string,
    private readonly handle: FileHandle,
    private goodLength: number,
  ) {}

  /** Opens an existing file whose first `goodLength` bytes are its readable records (the rest is cut). */
  static async open(
    files: FileSystem,
    filename: string,
    goodLength: number,
    size: number,
  ): Promise<AppendOnlyFile> {
    const handle = await files.open(filename, 'r+');
    const file = new AppendOnlyFile(filename, handle, goodLength);
    file.dirty = size > goodLength;
    return file;
  }

  /** Creates (or empties) the file with `first` as its content, synced. */
  static async create(files: FileSystem, filename: string, first: string): Promise<AppendOnlyFile> {
    const handle = await files.open(filename, 'w');
    const file = new AppendOnlyFile(filename, handle, 0);
    try {
      if (first !== '') await file.append(first);
      else await handle.datasync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    return file;
  }

  get length(): number {
    return this.goodLength;
  }

  async append(text: string): Promise<void> {
    if (this.dirty) await this.cutBack();
    const bytes = Buffer.from(text, 'utf8');
    try {
      await writeAll(this.handle, bytes, this.goodLength);
      await this.handle.datasync();
    } catch (error) {
      this.dirty = true;
      await this.cutBack().catch(() => undefined);
      throw error;
    }
    this.goodLength += bytes.length;
  }

  /** Cuts off what a failed append left, if anything; throws when the cut fails again. */
  async settle(): Promise<void> {
    if (this.dirty) await this.cutBack();
  }

  private async cutBack(): Promise<void> {
    await this.handle.truncate(this.goodLength);
    await this.handle.datasync();
    this.dirty = false;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
