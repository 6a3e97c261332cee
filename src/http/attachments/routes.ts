import type { Request, Router } from 'express';
import {
  openAttachment,
  removeAttachment,
  requireEvent,
  uploadAttachments,
  uploadFingerprint,
  type UploadedFile,
} from '../../app/attachments.js';
import type { AppDeps } from '../../app/deps.js';
import { creating } from '../idempotency.js';
import { sendAttachment } from './download.js';
import { readFileParts, type UploadLimits } from './multipart.js';

/** Files in one upload; an event holds at most 50. */
export const MAX_FILES_PER_UPLOAD = 10;

const param = (req: Request, name: string) => String(req.params[name]);

export const uploadLimitsOf = (deps: AppDeps): UploadLimits => ({
  fileBytes: deps.attachmentMaxBytes,
  files: MAX_FILES_PER_UPLOAD,
});

/** Checks the event exists (404 before reading the body), then reads the files. */
async function receiveFiles(deps: AppDeps, req: Request): Promise<UploadedFile[]> {
  await requireEvent(deps, param(req, 'probeId'), param(req, 'eventId'));
  return readFileParts(req, uploadLimitsOf(deps));
}

/** Reads and stores the files of an upload to the event of the route. */
export async function receiveUpload(deps: AppDeps, req: Request) {
  const files = await receiveFiles(deps, req);
  return uploadAttachments(deps, param(req, 'probeId'), param(req, 'eventId'), files);
}

/** SPEC §8 evidence files: upload to an event, download, remove. */
export function attachmentApi(api: Router, deps: AppDeps): void {
  api.post('/probes/:probeId/events/:eventId/attachments', async (req, res, next) => {
    const files = await receiveFiles(deps, req);
    // An Idempotency-Key retry is recognised by the files' names and hashes.
    req.body = { files: uploadFingerprint(files) };
    const upload = () => uploadAttachments(deps, param(req, 'probeId'), param(req, 'eventId'), files);
    await creating(deps, upload)(req, res, next);
  });
  api.get('/attachments/:attachmentId', async (req, res) => {
    const id = param(req, 'attachmentId');
    sendAttachment(res, id, await openAttachment(deps, id));
  });
  api.delete('/probes/:probeId/events/:eventId/attachments/:attachmentId', async (req, res) => {
    await removeAttachment(deps, param(req, 'probeId'), param(req, 'eventId'), param(req, 'attachmentId'));
    res.status(204).end();
  });
}
