/**
 * The import API (SPEC §8): a multipart upload answers 201 with the preview, nothing stored;
 * committing it with the person's choices answers 200 with what was created.
 */
import type { Request, Router } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { commitImport, previewImport } from '../../app/imports/index.js';
import { presentPreview } from './present.js';
import { readImportUpload } from './upload.js';

const param = (req: Request, name: string) => String(req.params[name]);

export function importApi(api: Router, deps: AppDeps): void {
  api.post('/trials/:trialId/imports', async (req, res) => {
    const { input } = await readImportUpload(req);
    res.status(201).json(presentPreview(await previewImport(deps, param(req, 'trialId'), input)));
  });
  api.post('/imports/:importId/commit', async (req, res) => {
    res.json(await commitImport(deps, param(req, 'importId'), req.body ?? {}));
  });
}
