// The bundled CJK font (Noto Sans SC, split by unicode range) must be loaded before a canvas draws with it:
// canvas text does not wait for web fonts, it falls back (or draws tofu).

export const PRINT_FONT = '"Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

/** CSS font shorthand for canvas text of `px` pixels. */
export const canvasFont = (px: number, weight: 400 | 700 = 400): string => `${weight} ${Math.round(px * 10) / 10}px ${PRINT_FONT}`;

/** Load the font chunks that cover every character of `texts`, in both weights used. */
export async function loadPrintFonts(texts: readonly string[]): Promise<void> {
  const all = [...new Set([...texts.join(''), ...'0123456789,.–—-:/ kmN%()'])].join('');
  await Promise.all([400, 700].map((w) => document.fonts.load(`${w} 40px "Noto Sans SC"`, all)));
}
