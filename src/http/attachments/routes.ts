import type { Request, Router } from 'express';
import { openAttachment, removeAttachment, requireEvent, uploadAttachments } from '../../app/attachments.js';
import type { AppDeps } from '../../app/deps.js';
import { sendAttachment } from './download.js';
import { readFileParts, type UploadLimits } from './multipart.js';

/** Files in one upload; an event holds at most 50. */
export const MAX_FILES_PER_UPLOAD = 10;

const param = (req: Request, name: string) => String(req.params[name]);

export const uploadLimitsOf = (deps: AppDeps): UploadLimits => ({
  fileBytes: deps.attachmentMaxBytes,
  files: MAX_FILES_PER_UPLOAD,
});

/** Checks the event exists (404 before reading the body), then reads and stores the files. */
export async function receiveUpload(deps: AppDeps, req: Request) {
  const probeId = param(req, 'probeId');
  const eventId = param(req, 'eventId');
  await requireEvent(deps, probeId, eventId);
  const files = await readFileParts(req, uploadLimitsOf(deps));
  return uploadAttachments(deps, probeId, eventId, files);
}

/** SPEC §8 evidence files: upload to an event, download, remove. */
export function attachmentApi(api: Router, deps: AppDeps): void {
  api.post('/probes/:probeId/events/:eventId/attachments', async (req, res) => {
    res.status(201).json(await receiveUpload(deps, req));
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
