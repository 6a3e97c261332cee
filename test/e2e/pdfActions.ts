/**
 * What in a PDF could run or open something by itself: JavaScript, actions on opening, links
 * that launch programs or run `javascript:` URLs. A report built from typed text must have none.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Dictionary keys that make a reader act on its own, as they appear in the file's bytes. */
const ACTIVE_KEYS: readonly [string, RegExp][] = [
  ['/JavaScript', /\/JavaScript\b/],
  ['/JS', /\/JS(?![A-Za-z0-9])/],
  ['/OpenAction', /\/OpenAction\b/],
  ['/AA (additional actions)', /\/AA(?![A-Za-z0-9])/],
  ['/Launch', /\/Launch\b/],
  ['/URI with javascript:', /\/URI\s*\(\s*javascript:/i],
  ['/SubmitForm', /\/SubmitForm\b/],
  ['/ImportData', /\/ImportData\b/],
];

/**
 * Every active entry found, in the raw bytes (pdfkit writes dictionaries uncompressed) and as
 * pdf.js reads the document: document-level scripts, field scripts, link annotations.
 */
export async function pdfActiveContent(bytes: Uint8Array): Promise<string[]> {
  const raw = Buffer.from(bytes).toString('latin1');
  const found = ACTIVE_KEYS.filter(([, pattern]) => pattern.test(raw)).map(([name]) => `bytes: ${name}`);

  const document = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false })
    .promise;
  if (await document.getJSActions()) found.push('pdf.js: document JavaScript actions');
  if (await document.getFieldObjects()) found.push('pdf.js: form fields');
  for (let number = 1; number <= document.numPages; number++) {
    const annotations = (await (await document.getPage(number)).getAnnotations()) as {
      subtype?: string;
      url?: string;
      unsafeUrl?: string;
      action?: string;
    }[];
    for (const annotation of annotations) {
      const target = annotation.unsafeUrl ?? annotation.url ?? '';
      if (/^\s*javascript:/i.test(target) || annotation.action) {
        found.push(
          `pdf.js: page ${number} ${annotation.subtype ?? 'annotation'} → ${target || annotation.action}`,
        );
      }
    }
  }
  await document.destroy();
  return found;
}
