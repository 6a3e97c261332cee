/**
 * The evidence files of a trial's JSON export (SPEC §8 "whole trial as JSON, round-trip exact"):
 * events refer to files by SHA-256, so an export that is to be imported on another server
 * carries the files themselves, base64-encoded under `files`, keyed by their hash.
 */
import { z } from 'zod';
import type { TrialExport } from '../domain/schemas.js';
import { sha256Of } from '../storage/attachments.js';
import type { AppDeps } from './deps.js';
import { invalid } from './errors.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** `{<sha256>: <base64 bytes>}` beside the records of an export. */
export const ExportedFilesSchema = z.record(
  z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex'),
  z.string().regex(BASE64, 'must be base64'),
);
export type ExportedFiles = z.infer<typeof ExportedFilesSchema>;

/** Where each file is referred to, by hash: the first path names it in errors, the sizes are checked. */
function referencesOf(exported: TrialExport): Map<string, { path: string; bytes: number }[]> {
  const references = new Map<string, { path: string; bytes: number }[]>();
  exported.probes.forEach((probe, p) => {
    probe.events.forEach((event, e) => {
      event.attachments?.forEach((ref, a) => {
        const list = references.get(ref.sha256) ?? [];
        list.push({
          path: `probes.${String(p)}.events.${String(e)}.attachments.${String(a)}`,
          bytes: ref.bytes,
        });
        references.set(ref.sha256, list);
      });
    });
  });
  return references;
}

/**
 * The files the export's events refer to, read from the data folder. A file already lost
 * (never the case unless the folder was damaged by hand) is left out: the import on the other
 * side then names it.
 */
export async function filesOfExport(deps: AppDeps, exported: TrialExport): Promise<ExportedFiles> {
  const files: ExportedFiles = {};
  for (const sha256 of [...referencesOf(exported).keys()].sort()) {
    const bytes = await deps.attachments.read(sha256);
    if (bytes) files[sha256] = bytes.toString('base64');
  }
  return files;
}

/**
 * Checks and stores the files an import brings, before its records are stored (a file is on
 * disk before anything refers to it). Every file must be the bytes its hash names and the
 * size its events say; every event's file must be in the export or already on this server;
 * a file no event refers to is refused. Nothing is stored when anything is wrong.
 */
export async function saveImportedFiles(
  deps: AppDeps,
  exported: TrialExport,
  files: ExportedFiles | undefined,
): Promise<void> {
  const references = referencesOf(exported);
  const issues: { path: string; message: string }[] = [];
  const decoded = new Map<string, Buffer>();
  for (const [sha256, base64] of Object.entries(files ?? {})) {
    const bytes = Buffer.from(base64, 'base64');
    const uses = references.get(sha256);
    if (!uses) issues.push({ path: `files.${sha256}`, message: 'no event refers to this file' });
    else if (sha256Of(bytes) !== sha256)
      issues.push({ path: `files.${sha256}`, message: 'the content does not match its SHA-256' });
    else if (uses.some((use) => use.bytes !== bytes.length))
      issues.push({
        path: `files.${sha256}`,
        message: `is ${String(bytes.length)} bytes, its event says otherwise`,
      });
    else decoded.set(sha256, bytes);
  }
  for (const [sha256, uses] of references) {
    if (Object.hasOwn(files ?? {}, sha256) || (await deps.attachments.has(sha256))) continue;
    const first = uses[0];
    issues.push({
      path: `${first?.path ?? 'probes'}.sha256`,
      message: 'this file is neither in the export nor on this server: export the trial again with its files',
    });
  }
  if (issues.length > 0) throw invalid(issues);
  for (const bytes of decoded.values()) await deps.attachments.save(bytes);
}
