// Page geometry of the print layout: paper sizes in millimetres, and where the title, map, legend, table,
// scale bar, north arrow and footer go, in pixels at a given dpi. Pure: the e2e test uses it to find them.

export type PaperSize = 'A4' | 'A3' | 'A1';
export type Orientation = 'portrait' | 'landscape';
export const PAPER_SIZES: readonly PaperSize[] = ['A4', 'A3', 'A1'];
export const DPIS = [150, 200, 300] as const;

/** ISO 216 paper, portrait, in millimetres [width, height]. */
export const PAPER_MM: Record<PaperSize, [number, number]> = { A4: [210, 297], A3: [297, 420], A1: [594, 841] };

const MM_PER_INCH = 25.4;
const PT_PER_INCH = 72;

/** Millimetres to pixels at `dpi`. */
export const mmToPx = (mm: number, dpi: number): number => (mm / MM_PER_INCH) * dpi;
/** Millimetres to PDF points (1/72 inch). */
export const mmToPt = (mm: number): number => (mm / MM_PER_INCH) * PT_PER_INCH;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PageLayout {
  size: PaperSize;
  orientation: Orientation;
  dpi: number;
  widthMm: number;
  heightMm: number;
  /** whole pixels of the page canvas */
  widthPx: number;
  heightPx: number;
  /** exact PDF page size in points */
  widthPt: number;
  heightPt: number;
  /** the layout's unit in pixels: 1 mm on A4, scaled with the paper's short side so A3/A1 grow in proportion */
  unit: number;
  frames: { title: Rect; map: Rect; legend: Rect; table: Rect; footer: Rect; scaleBar: Rect; north: Rect };
}

/**
 * The frames of one page. Landscape: map on the left, legend and table in a column on the right.
 * Portrait: map on top, legend and table side by side below it.
 * @param dpi pixels per inch of the page image
 */
export function pageLayout(size: PaperSize, orientation: Orientation, dpi: number): PageLayout {
  if (!PAPER_MM[size]) throw new Error(`Unknown paper size ${JSON.stringify(size)}: use A4, A3 or A1.`);
  if (!(dpi >= 10 && dpi <= 1200)) throw new Error(`dpi ${dpi} is out of range: use 10 to 1200 (150 to 300 for print).`);
  const [pw, ph] = PAPER_MM[size];
  const [widthMm, heightMm] = orientation === 'landscape' ? [ph, pw] : [pw, ph];
  const u = mmToPx(Math.min(widthMm, heightMm) / 210, dpi);
  const W = Math.round(mmToPx(widthMm, dpi));
  const H = Math.round(mmToPx(heightMm, dpi));
  const m = 10 * u;
  const gap = 5 * u;
  const title: Rect = { x: m, y: m, w: W - 2 * m, h: 16 * u };
  const footer: Rect = { x: m, y: H - m - 7 * u, w: W - 2 * m, h: 7 * u };
  const top = title.y + title.h + gap;
  const bottom = footer.y - gap;
  let map: Rect, legend: Rect, table: Rect;
  if (orientation === 'landscape') {
    const side = 72 * u;
    map = { x: m, y: top, w: W - 2 * m - side - gap, h: bottom - top };
    const sx = map.x + map.w + gap;
    legend = { x: sx, y: top, w: side, h: 62 * u };
    table = { x: sx, y: legend.y + legend.h + gap, w: side, h: bottom - (legend.y + legend.h + gap) };
  } else {
    const below = 72 * u;
    map = { x: m, y: top, w: W - 2 * m, h: bottom - top - below - gap };
    const by = map.y + map.h + gap;
    legend = { x: m, y: by, w: 62 * u, h: below };
    table = { x: m + legend.w + gap, y: by, w: W - 2 * m - legend.w - gap, h: below };
  }
  const scaleBar: Rect = { x: map.x + 4 * u, y: map.y + map.h - 14 * u, w: 46 * u, h: 10 * u };
  const north: Rect = { x: map.x + map.w - 16 * u, y: map.y + 4 * u, w: 12 * u, h: 16 * u };
  return {
    size,
    orientation,
    dpi,
    widthMm,
    heightMm,
    widthPx: W,
    heightPx: H,
    widthPt: mmToPt(widthMm),
    heightPt: mmToPt(heightMm),
    unit: u,
    frames: { title, map, legend, table, footer, scaleBar, north },
  };
}

/** at most this many device pixels in one map image (about 180 MB of RGBA), whatever the GPU allows */
export const MAX_MAP_PIXELS = 45e6;

/**
 * The pixel ratio a map of `cssW` × `cssH` CSS pixels is drawn at: `wanted`, or less when a side would pass
 * the GPU's `maxSide` or the image would pass MAX_MAP_PIXELS. The effective dpi is 96 times the result.
 */
export function clampPixelRatio(cssW: number, cssH: number, wanted: number, maxSide: number): number {
  return Math.min(wanted, maxSide / cssW, maxSide / cssH, Math.sqrt(MAX_MAP_PIXELS / (cssW * cssH)));
}
