import type { ReportContext } from './context.js';
import type { EvidenceFilesPart, EvidenceVendorFiles } from './types.js';

/**
 * The comparison report's evidence appendix: every file kept on a probe's events, by vendor
 * (in rank order), probe (as sent) and event time, each with its full SHA-256 so a reader can
 * show a file in hand is the one recorded. A trial without files has no appendix.
 */
export function buildEvidenceFiles(context: ReportContext): EvidenceFilesPart | null {
  const { t, fmt, data, zone } = context;
  // Only probes with a file matter: most trials have none, and a big one has thousands of probes.
  const withFiles = data.probes.filter((probe) =>
    probe.events.some((event) => (event.attachments ?? []).length > 0),
  );
  const groups: EvidenceVendorFiles[] = [];
  for (const vendor of context.vendors) {
    const probes = withFiles
      .filter((probe) => probe.vendorId === vendor.vendorId)
      .sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
    const files = probes.flatMap((probe) =>
      probe.events.flatMap((event) =>
        (event.attachments ?? []).map((file) => ({
          name: file.name,
          where: `${probe.title} · ${fmt.instant(event.at, zone)}`,
          details: `${file.type} · ${fmt.fileSize(file.bytes)}`,
          sha256: file.sha256,
        })),
      ),
    );
    if (files.length > 0) groups.push({ vendor: vendor.name, files });
  }
  if (groups.length === 0) return null;
  return {
    title: t('evidence.appendix.title'),
    intro: t('evidence.appendix.intro'),
    hashLabel: t('evidence.appendix.sha256'),
    groups,
  };
}
