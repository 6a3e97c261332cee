import type { Response } from 'express';
import type { OpenedAttachment } from '../../app/attachments.js';
import { attachmentDisposition } from '../download.js';

/** An ASCII name for clients that cannot read `filename*`: `evidence-<id>` with the name's extension when it is plain. */
function asciiNameOf(id: string, name: string): string {
  const extension = /\.[A-Za-z0-9]{1,10}$/.exec(name)?.[0] ?? '';
  return `evidence-${id}${extension}`;
}

/**
 * An evidence file as a download that no browser renders: `attachment` disposition, nosniff,
 * a type that is never active content, and a sandbox policy should it be opened anyway.
 */
export function sendAttachment(res: Response, id: string, file: OpenedAttachment): void {
  res.set({
    'Content-Type': file.servedType,
    'Content-Disposition': attachmentDisposition(file.name, asciiNameOf(id, file.name)),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "sandbox; default-src 'none'",
    'Cache-Control': 'private, no-cache',
  });
  res.send(file.bytes);
}
