import type { AttachmentRef } from '../../domain/schemas.js';
import type { ViewHelpers } from '../web/locals.js';

/** An evidence file as the timeline lists it. */
export interface AttachmentItem {
  id: string;
  name: string;
  type: string;
  size: string;
  sha256: string;
  /** The first 12 hex digits: enough to tell files apart at a glance; the page shows the rest on hover. */
  shortSha256: string;
  href: string;
}

export function attachmentItems(
  refs: readonly AttachmentRef[] | undefined,
  h: Pick<ViewHelpers, 'fmt'>,
): AttachmentItem[] {
  return (refs ?? []).map((ref) => ({
    id: ref.id,
    name: ref.name,
    type: ref.type,
    size: h.fmt.fileSize(ref.bytes),
    sha256: ref.sha256,
    shortSha256: ref.sha256.slice(0, 12),
    href: `/api/v1/attachments/${encodeURIComponent(ref.id)}`,
  }));
}
