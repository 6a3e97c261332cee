import { create, type Font } from 'fontkit';
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
 * each document keeps its own subset of the glyphs it used.
 */
export function cjkFont(weight: FontWeight): Font {
  let font = parsed.get(weight);
  if (!font) {
    font = create(readFileSync(cjkFontPath(weight)));
    parsed.set(weight, font);
  }
  return font;
}
