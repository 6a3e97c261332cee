import { create, type Font } from 'fontkit';
import { CidCff, CidCffSubset, UnsupportedCff } from './cffSubset.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Noto Sans SC (OFL), shipped through npm by @embedpdf/fonts-sc. Its `exports` map hides the
 * font files, so the path is built from the package's resolved entry point.
 */
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');

export type FontWeight = 'Regular' | 'Bold' | 'Medium' | 'Light';

export function cjkFontPath(weight: FontWeight): string {
  return path.join(FONT_DIR, `NotoSansHans-${weight}.otf`);
}

const parsed = new Map<FontWeight, Font>();

/**
 * The font, read and parsed once per process (or worker thread) and shared by every
 * document: each file is ~8 MB, and parsing it per document (what pdfkit does with a path
 * or a buffer) costs more than laying out a whole report. fontkit only reads the font, and
 * each document keeps its own subset of the glyphs it used, written by cffSubset.ts.
 */
export function cjkFont(weight: FontWeight): Font {
  let font = parsed.get(weight);
  if (!font) {
    const file = readFileSync(cjkFontPath(weight));
    font = withCffSubsets(create(file), file);
    parsed.set(weight, font);
  }
  return font;
}

/**
 * pdfkit asks the font for a subset per document (`font.createSubset()`); a CID-keyed CFF font
 * answers with cffSubset.ts's, which hands a glyph it cannot follow to fontkit's own. A font
 * whose CFF this module cannot read keeps fontkit's subsets throughout.
 */
export function withCffSubsets(font: Font, file: Uint8Array): Font {
  const cff = readableCff(file);
  if (!cff) return font;
  const fontkitSubset = font.createSubset.bind(font);
  font.createSubset = () => new CidCffSubset(cff, fontkitSubset);
  return font;
}

function readableCff(file: Uint8Array): CidCff | null {
  try {
    return CidCff.fromOpenType(file);
  } catch (error) {
    if (error instanceof UnsupportedCff) return null;
    throw error;
  }
}
