/** What the import preview page shows: the preview with the trial, its vendors and probes. */
import type { Probe, Trial, Vendor } from '../../domain/schemas.js';
import type { AppDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { importContext } from './preview.js';
import type { ImportSession } from './sessions.js';

export interface ImportPreviewPage {
  session: ImportSession;
  trial: Trial;
  vendors: readonly Vendor[];
  probes: readonly Probe[];
  /** Items already stored by an earlier import: shown unticked, skipped anyway. */
  alreadyImported: ReadonlySet<string>;
}

export async function importPreviewPage(deps: AppDeps, importId: string): Promise<ImportPreviewPage> {
  const session = await deps.imports.get(importId);
  if (!session) throw notFound('import');
  const context = await importContext(deps, session.trialId);
  const alreadyImported = new Set(
    session.items
      .filter((item) => item.importKey !== undefined && context.importedKeys.has(item.importKey))
      .map((item) => item.key),
  );
  return { session, trial: context.trial, vendors: context.vendors, probes: context.probes, alreadyImported };
}
