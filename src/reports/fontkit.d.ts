/**
 * The little of fontkit (pdfkit's own font engine, installed with it) that the reports use:
 * parsing a font once so every document of a worker shares it, and the subset pdfkit asks it
 * for (see cffSubset.ts). fontkit ships no types.
 */
declare module 'fontkit' {
  export interface Subset {
    includeGlyph(glyph: number | { id: number }): number;
    encode(): Uint8Array;
  }
  export interface Glyph {
    readonly id: number;
    readonly path: { toSVG(): string };
  }
  export interface Font {
    readonly postscriptName: string;
    readonly numGlyphs: number;
    layout(text: string): unknown;
    getGlyph(gid: number): Glyph;
    createSubset(): Subset;
  }
  export function create(data: Uint8Array, postscriptName?: string): Font;
}
