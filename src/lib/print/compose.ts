// Draws one print page on a 2D canvas: title, map with frame, scale bar and north arrow, legend, summary
// table, source and date. Every string is drawn with fillText: attribute values are text, never markup.
import type { RGBA } from '../map/colors';
import { canvasFont } from './fonts';
import type { PageLayout, Rect } from './page';
import type { MapPixels } from './render-map';
import { niceScaleBar } from './scale';

export type LegendItem = { kind: 'fill' | 'line'; color: RGBA; label: string };

export interface PageContent {
  title: string;
  subtitle: string;
  /** data source line, printed with the date in the footer */
  source: string;
  date: string;
  /** "3 / 9" on atlas pages */
  pageLabel: string;
  /** a note printed under the map, e.g. the effective dpi when the GPU limit lowered it */
  note: string;
  map: MapPixels;
  legend: { heading: string; items: LegendItem[] };
  table: { heading: string; columns: string[]; rows: string[][]; total: string[] | null };
  /** the letter under the north arrow */
  north: string;
}

const INK = '#1f2328';
const GREY = '#5b636d';
const rgb = ([r, g, b]: RGBA): string => `rgb(${r}, ${g}, ${b})`;

/** `text` cut with an ellipsis to fit `maxW` pixels in the context's current font. */
function fit(ctx: OffscreenCanvasRenderingContext2D, text: string, maxW: number): string {
  if (ctx.measureText(text).width <= maxW) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(chars.slice(0, mid).join('') + '…').width <= maxW) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('') + '…';
}

function text(ctx: OffscreenCanvasRenderingContext2D, s: string, x: number, y: number, maxW: number, align: CanvasTextAlign = 'left'): void {
  ctx.textAlign = align;
  ctx.fillText(fit(ctx, s, maxW), x, y);
}

/** Draw the page into `canvas` (resized to the layout). */
export function composePage(canvas: OffscreenCanvas, layout: PageLayout, c: PageContent): void {
  canvas.width = layout.widthPx;
  canvas.height = layout.heightPx;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas context: the page cannot be drawn.');
  const u = layout.unit;
  const f = layout.frames;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.textBaseline = 'alphabetic';

  // title and subtitle
  ctx.fillStyle = INK;
  ctx.font = canvasFont(8 * u, 700);
  text(ctx, c.title, f.title.x, f.title.y + 8 * u, f.title.w);
  ctx.fillStyle = GREY;
  ctx.font = canvasFont(3.6 * u);
  text(ctx, c.subtitle, f.title.x, f.title.y + 14 * u, f.title.w);

  drawMap(ctx, layout, c);
  drawLegend(ctx, f.legend, u, c.legend);
  drawTable(ctx, f.table, u, c.table);

  // footer: source and date left, page number right
  ctx.strokeStyle = '#c9ced6';
  ctx.lineWidth = Math.max(1, 0.25 * u);
  ctx.beginPath();
  ctx.moveTo(f.footer.x, f.footer.y);
  ctx.lineTo(f.footer.x + f.footer.w, f.footer.y);
  ctx.stroke();
  ctx.fillStyle = GREY;
  ctx.font = canvasFont(3 * u);
  text(ctx, `${c.source}\u3000${c.date}`, f.footer.x, f.footer.y + 5 * u, f.footer.w * 0.8);
  text(ctx, c.pageLabel, f.footer.x + f.footer.w, f.footer.y + 5 * u, f.footer.w * 0.2, 'right');
}

function drawMap(ctx: OffscreenCanvasRenderingContext2D, layout: PageLayout, c: PageContent): void {
  const { map: m, scaleBar: sb, north: n } = layout.frames;
  const u = layout.unit;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(c.map.image, m.x, m.y, m.w, m.h);
  ctx.strokeStyle = INK;
  ctx.lineWidth = Math.max(1, 0.35 * u);
  ctx.strokeRect(m.x, m.y, m.w, m.h);

  // scale bar on a white box: alternate black and white halves, the length above
  const mPerPagePx = c.map.metresPerCssPx / (layout.dpi / 96);
  const bar = niceScaleBar(mPerPagePx, sb.w - 4 * u);
  ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.fillRect(sb.x, sb.y, bar.px + 4 * u, sb.h);
  const bx = sb.x + 2 * u;
  const by = sb.y + sb.h - 3.5 * u;
  const bh = 1.6 * u;
  ctx.fillStyle = INK;
  ctx.fillRect(bx, by, bar.px / 2, bh);
  ctx.strokeStyle = INK;
  ctx.lineWidth = Math.max(1, 0.3 * u);
  ctx.strokeRect(bx, by, bar.px, bh);
  ctx.font = canvasFont(3 * u, 700);
  ctx.fillStyle = INK;
  text(ctx, '0', bx, by - 1.2 * u, 10 * u);
  text(ctx, bar.label, bx + bar.px, by - 1.2 * u, bar.px, 'right');

  // north arrow, turned by the map's bearing
  ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.fillRect(n.x, n.y, n.w, n.h);
  const cx = n.x + n.w / 2;
  const cy = n.y + 6 * u;
  ctx.save();
  ctx.translate(cx, cy);
  ctx.rotate((-c.map.bearing * Math.PI) / 180);
  ctx.beginPath();
  ctx.moveTo(0, -5 * u);
  ctx.lineTo(3.2 * u, 4.5 * u);
  ctx.lineTo(0, 2.6 * u);
  ctx.lineTo(-3.2 * u, 4.5 * u);
  ctx.closePath();
  ctx.fillStyle = INK;
  ctx.fill();
  ctx.restore();
  ctx.font = canvasFont(3.4 * u, 700);
  ctx.fillStyle = INK;
  text(ctx, c.north, cx, n.y + n.h - 1.2 * u, n.w, 'center');

  if (c.note) {
    ctx.font = canvasFont(2.6 * u);
    ctx.fillStyle = GREY;
    text(ctx, c.note, m.x + m.w, m.y + m.h + 3.6 * u, m.w, 'right');
  }
}

function drawLegend(ctx: OffscreenCanvasRenderingContext2D, r: Rect, u: number, legend: PageContent['legend']): void {
  ctx.fillStyle = INK;
  ctx.font = canvasFont(4 * u, 700);
  text(ctx, legend.heading, r.x, r.y + 4 * u, r.w);
  ctx.font = canvasFont(3.2 * u);
  const step = 5.6 * u;
  const rows = Math.max(1, Math.floor((r.h - 8 * u) / step));
  const cols = Math.ceil(legend.items.length / rows);
  const colW = r.w / Math.max(1, cols);
  legend.items.forEach((it, i) => {
    const x = r.x + Math.floor(i / rows) * colW;
    const y = r.y + 8 * u + (i % rows) * step;
    if (it.kind === 'fill') {
      ctx.fillStyle = rgb(it.color);
      ctx.fillRect(x, y, 7 * u, 4 * u);
      ctx.strokeStyle = 'rgba(0, 0, 0, 0.35)';
      ctx.lineWidth = Math.max(1, 0.2 * u);
      ctx.strokeRect(x, y, 7 * u, 4 * u);
    } else {
      ctx.strokeStyle = rgb(it.color);
      ctx.lineWidth = 0.8 * u;
      ctx.strokeRect(x + 0.4 * u, y + 0.4 * u, 6.2 * u, 3.2 * u);
    }
    ctx.fillStyle = INK;
    text(ctx, it.label, x + 9 * u, y + 3.4 * u, colW - 10 * u);
  });
}

function drawTable(ctx: OffscreenCanvasRenderingContext2D, r: Rect, u: number, t: PageContent['table']): void {
  ctx.fillStyle = INK;
  ctx.font = canvasFont(4 * u, 700);
  text(ctx, t.heading, r.x, r.y + 4 * u, r.w);
  const n = t.columns.length;
  // the first column (names) gets the room that is left after the figures
  const firstW = n > 1 ? Math.max(r.w * 0.24, r.w - 20 * u * (n - 1)) : r.w;
  const numW = n > 1 ? (r.w - firstW) / (n - 1) : 0;
  const colX = (k: number) => (k === 0 ? r.x : r.x + firstW + numW * k);
  const line = 5 * u;
  let y = r.y + 8 * u;
  const row = (cells: string[], bold: boolean, size = 2.9) => {
    ctx.font = canvasFont(size * u, bold ? 700 : 400);
    ctx.fillStyle = INK;
    cells.forEach((s, k) => (k === 0 ? text(ctx, s, r.x, y + 3.4 * u, firstW - u) : text(ctx, s, colX(k) - u, y + 3.4 * u, numW - u, 'right')));
    y += line;
  };
  const rule = (w: number) => {
    ctx.strokeStyle = INK;
    ctx.lineWidth = Math.max(1, w * u);
    ctx.beginPath();
    ctx.moveTo(r.x, y);
    ctx.lineTo(r.x + r.w, y);
    ctx.stroke();
  };
  rule(0.3);
  // headings on two lines: the name, then its unit in brackets
  const heads = t.columns.map((s) => {
    const k = s.search(/[（(]/);
    return k > 0 ? [s.slice(0, k), s.slice(k)] : [s, ''];
  });
  row(heads.map((h) => h[0]), true);
  if (heads.some((h) => h[1])) {
    y -= line * 0.3;
    row(heads.map((h) => h[1]), false, 2.5);
  }
  rule(0.15);
  // as many rows as fit, keeping room for the total
  const room = Math.floor((r.y + r.h - y) / line) - (t.total ? 1 : 0);
  const shown = t.rows.length > room ? [...t.rows.slice(0, Math.max(0, room - 1)), ['…', ...t.columns.slice(1).map(() => '')]] : t.rows;
  for (const cells of shown) row(cells, false);
  if (t.total) {
    rule(0.15);
    row(t.total, true);
  }
  rule(0.3);
}
