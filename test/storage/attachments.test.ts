import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttachmentFiles, pathByHash } from '../../src/storage/attachments.js';
import { Backups } from '../../src/storage/backups.js';
import { WriteRefusedError } from '../../src/storage/errors.js';
import { FaultyDisk } from './faultyDisk.js';
import { dataFolder } from './folders.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const bytesOf = (text: string) => Buffer.from(text, 'utf8');
const none = () => Promise.resolve(new Set<string>());
const only =
  (...hashes: string[]) =>
  () =>
    Promise.resolve(new Set(hashes));

/** A database text whose one probe's event refers to these files. */
const databaseReferring = (...hashes: string[]) =>
  JSON.stringify({
    probes: [
      { events: [{ attachments: hashes.map((sha256, index) => ({ id: `att_${String(index)}`, sha256 })) }] },
    ],
  });

async function filesUnder(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) found.push(path.relative(folder, path.join(entry.parentPath, entry.name)));
  }
  return found.sort();
}

describe('AttachmentFiles', () => {
  it('when the same content is saved twice, then it is stored once under its hash, readable by this user only', async () => {
    const dir = await dataFolder();
    const attachments = new AttachmentFiles(dir);

    const first = await attachments.save(bytesOf('packet capture'));
    const second = await attachments.save(bytesOf('packet capture'));

    expect(first).toBe(sha('packet capture'));
    expect(second).toBe(first);
    expect(await filesUnder(path.join(dir, 'attachments'))).toEqual([path.join(first.slice(0, 2), first)]);
    expect((await stat(pathByHash(path.join(dir, 'attachments'), first))).mode & 0o777).toBe(0o600);
    expect((await attachments.read(first))?.toString('utf8')).toBe('packet capture');
  });

  it('when a file is saved, then it is written to a temporary file, synced, renamed and its folder synced, in that order', async () => {
    const dir = await dataFolder();
    const disk = new FaultyDisk();
    const attachments = new AttachmentFiles(dir, disk);

    const hash = await attachments.save(bytesOf('log line'));

    const writes = disk.log.filter((entry) => entry.includes(hash));
    expect(writes).toEqual([
      `open .${hash}.tmp`,
      `write .${hash}.tmp`,
      `sync .${hash}.tmp`,
      `rename ${hash}`,
    ]);
    expect(disk.log.at(-1)).toBe(`sync ${hash.slice(0, 2)}`);
  });

  it('when the disk is full mid-write, then the save is refused as a full disk and no file, whole or partial, is left', async () => {
    const dir = await dataFolder();
    const disk = new FaultyDisk();
    disk.spaceLeft = 10;
    const attachments = new AttachmentFiles(dir, disk);

    const refused = await attachments
      .save(bytesOf('a screenshot far larger than ten bytes'))
      .catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(WriteRefusedError);
    expect((refused as WriteRefusedError).diskFull).toBe(true);
    expect(await filesUnder(path.join(dir, 'attachments'))).toEqual([]);
  });

  it('when fsync fails, then the save is refused (not as a full disk) and a later save of the same content succeeds', async () => {
    const dir = await dataFolder();
    const disk = new FaultyDisk();
    disk.fail('sync', { file: '.tmp' });
    const attachments = new AttachmentFiles(dir, disk);

    const refused = await attachments.save(bytesOf('mail')).catch((error: unknown) => error);
    const retried = await attachments.save(bytesOf('mail'));

    expect((refused as WriteRefusedError).diskFull).toBe(false);
    expect(retried).toBe(sha('mail'));
  });

  it('when swept, then files nothing refers to and temporary leftovers go, referenced ones stay', async () => {
    const dir = await dataFolder();
    const writer = new AttachmentFiles(dir);
    const kept = await writer.save(bytesOf('kept'));
    const orphan = await writer.save(bytesOf('orphan'));
    const leftover = path.join(dir, 'attachments', 'ab', `.${'ab'.padEnd(64, '0')}.tmp`);
    await mkdir(path.dirname(leftover), { recursive: true });
    await writeFile(leftover, 'half');
    // A fresh instance: what a start sees, with no save pending.
    const atStart = new AttachmentFiles(dir);

    const removed = await atStart.sweep(only(kept));

    expect(removed).toEqual([orphan]);
    expect(await filesUnder(path.join(dir, 'attachments'))).toEqual([path.join(kept.slice(0, 2), kept)]);
  });

  it('when a file was saved in the last hour but is not referenced yet, then a sweep keeps it; after the hour it goes', async () => {
    const dir = await dataFolder();
    let now = new Date('2026-11-24T04:00:00Z');
    const attachments = new AttachmentFiles(dir, undefined, () => now);
    const pending = await attachments.save(bytesOf('being attached'));

    const early = await attachments.sweep(none);
    now = new Date('2026-11-24T05:01:00Z');
    const late = await attachments.sweep(none);

    expect(early).toEqual([]);
    expect(late).toEqual([pending]);
  });
});

describe('Backups of attachments', () => {
  it('when a backup is taken, then the files it refers to are linked into backups/attachments and survive the sweep of the data folder', async () => {
    const dir = await dataFolder();
    const attachments = new AttachmentFiles(dir);
    const hash = await attachments.save(bytesOf('evidence'));
    const backups = new Backups(dir, 2, undefined, attachments);

    const file = await backups.take(databaseReferring(hash), new Date('2026-11-24T04:00:00Z'));
    await new AttachmentFiles(dir).sweep(none);

    const backedUp = pathByHash(path.join(dir, 'backups', 'attachments'), hash);
    expect(await readFile(backedUp, 'utf8')).toBe('evidence');
    expect(JSON.parse(await readFile(`${file}.attachments`, 'utf8'))).toEqual([hash]);
    expect(await filesUnder(path.join(dir, 'attachments'))).toEqual([]);
  });

  it('when the last backup referring to a file is dropped, then its kept copy goes; files still referred to stay', async () => {
    const dir = await dataFolder();
    const attachments = new AttachmentFiles(dir);
    const old = await attachments.save(bytesOf('old evidence'));
    const current = await attachments.save(bytesOf('current evidence'));
    const backups = new Backups(dir, 2, undefined, attachments);

    await backups.take(databaseReferring(old, current), new Date('2026-11-24T04:00:00Z'));
    await backups.take(databaseReferring(current), new Date('2026-11-24T05:00:00Z'));
    const keptAfterTwo = await filesUnder(path.join(dir, 'backups', 'attachments'));
    await backups.take(databaseReferring(current), new Date('2026-11-24T06:00:00Z'));

    expect(keptAfterTwo).toHaveLength(2);
    expect(await filesUnder(path.join(dir, 'backups', 'attachments'))).toEqual([
      path.join(current.slice(0, 2), current),
    ]);
    expect(
      (await readdir(path.join(dir, 'backups'))).filter((name) => name.endsWith('.attachments')),
    ).toHaveLength(2);
  });

  it('when a database restored from a backup refers to a file the data folder no longer has, then the sweep at start links it back from the backup', async () => {
    // Arrange
    const dir = await dataFolder();
    const attachments = new AttachmentFiles(dir);
    const hash = await attachments.save(bytesOf('removed since the backup'));
    await new Backups(dir, 2, undefined, attachments).take(
      databaseReferring(hash),
      new Date('2026-11-24T04:00:00Z'),
    );
    await new AttachmentFiles(dir).sweep(none);
    const restarted = new AttachmentFiles(dir);

    // Act
    const removed = await restarted.sweep(only(hash));

    // Assert
    expect(removed).toEqual([]);
    expect((await restarted.read(hash))?.toString('utf8')).toBe('removed since the backup');
  });
});
