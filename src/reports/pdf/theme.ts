/** The look of the PDF in one place: A4, one type family (Noto Sans SC), a few sizes and colours. */
export const PAGE_SIZE = 'A4';
export const MARGINS = { top: 64, bottom: 60, left: 50, right: 50 };

/** Names under which each document registers the CJK font; it has the Latin glyphs too. */
export const FONT = { regular: 'noto-sc-regular', bold: 'noto-sc-bold' } as const;
export type FontName = (typeof FONT)[keyof typeof FONT];

/** How the model's text is made printable before it is measured and drawn: line breaks kept. */
export const PRINTABLE = { lineBreaks: true } as const;

export const SIZE = {
  title: 24,
  subtitle: 14,
  h1: 16,
  h2: 12.5,
  h3: 10,
  body: 9.5,
  table: 8,
  small: 7.5,
  furniture: 7.5,
} as const;

export const COLOUR = {
  text: '#1A1A1A',
  muted: '#5F6368',
  alert: '#B00020',
  accent: '#0B4F8A',
  rule: '#C9CED6',
  headerFill: '#E3EAF3',
  zebra: '#F5F7FA',
} as const;
