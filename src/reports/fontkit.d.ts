/**
 * The little of fontkit (pdfkit's own font engine, installed with it) that the reports use:
 * parsing a font once so every document of a worker shares it. fontkit ships no types.
 */
declare module 'fontkit' {
  export interface Font {
    readonly postscriptName: string;
    layout(text: string): unknown;
  }
  export function create(data: Uint8Array, postscriptName?: string): Font;
}
