import { Router, type Request } from 'express';
import { removeAttachment } from '../../app/attachments.js';
import type { AppDeps } from '../../app/deps.js';
import { receiveUpload } from './routes.js';

const param = (req: Request, name: string) => String(req.params[name]);
const backToEvent = (req: Request) =>
  `/probes/${encodeURIComponent(param(req, 'probeId'))}#event-${encodeURIComponent(param(req, 'eventId'))}`;

/**
 * The probe page's file forms: an upload (multipart, its form token in the query string) and a
 * remove button per file; both come back to the event on the probe page. Refusals (a file over
 * the limit, a full disk) answer the error page in the reader's language.
 */
export function attachmentPages(deps: AppDeps): Router {
  const pages = Router();
  pages.post('/probes/:probeId/events/:eventId/attachments', async (req, res) => {
    await receiveUpload(deps, req);
    res.redirect(303, backToEvent(req));
  });
  pages.post('/probes/:probeId/events/:eventId/attachments/:attachmentId/delete', async (req, res) => {
    await removeAttachment(deps, param(req, 'probeId'), param(req, 'eventId'), param(req, 'attachmentId'));
    res.redirect(303, backToEvent(req));
  });
  return pages;
}
