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
