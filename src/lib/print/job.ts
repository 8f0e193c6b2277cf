// Pages in, page canvases out: one off-screen map for the whole run (an atlas re-aims it per page), fonts
// loaded first, progress per page, cancellable between and during pages.
import type { Layer } from '@deck.gl/core';
import type { StyleSpecification } from 'maplibre-gl';
import { composePage, type PageContent } from './compose';
import { loadPrintFonts } from './fonts';
import { pageLayout, type Orientation, type PageLayout, type PaperSize } from './page';
import { OffscreenMap, type PrintView } from './render-map';

export interface PrintSettings {
  size: PaperSize;
  orientation: Orientation;
  dpi: number;
}

/** One page: what it says and where its map looks. */
export interface PageSpec extends Omit<PageContent, 'map' | 'note' | 'pageLabel'> {
  view: PrintView;
}

export interface PrintRun {
  style: StyleSpecification | string;
  /** new layer instances for the off-screen deck */
  layers: () => Layer[];
  /** the note printed when the map had to be drawn below the asked dpi */
  clampedNote: (dpi: number) => string;
  pageLabel: (i: number, n: number) => string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Draw every page, handing each finished page canvas to `onPage` before drawing the next (the canvas is
 * reused). Returns the dpi the maps were drawn at.
 */
export async function printPages(
  pages: readonly PageSpec[],
  settings: PrintSettings,
  run: PrintRun,
  onPage: (canvas: OffscreenCanvas, layout: PageLayout, index: number) => Promise<void>,
): Promise<{ mapDpi: number }> {
  const layout = pageLayout(settings.size, settings.orientation, settings.dpi);
  const strings = pages.flatMap((p) => [p.title, p.subtitle, p.source, p.date, p.north, p.legend.heading, ...p.legend.items.map((i) => i.label), p.table.heading, ...p.table.columns, ...p.table.rows.flat(), ...(p.table.total ?? [])]);
  await loadPrintFonts([...strings, run.clampedNote(0), run.pageLabel(0, 0)]);
  const css = settings.dpi / 96;
  const m = layout.frames.map;
  const map = new OffscreenMap(run.style, Math.round(m.w / css), Math.round(m.h / css), css);
  const mapDpi = Math.round(map.pixelRatio * 96);
  const note = mapDpi < settings.dpi ? run.clampedNote(mapDpi) : '';
  const canvas = new OffscreenCanvas(layout.widthPx, layout.heightPx);
  try {
    for (let i = 0; i < pages.length; i++) {
      run.signal?.throwIfAborted();
      run.onProgress?.(i, pages.length);
      const { view, ...content } = pages[i];
      const pixels = await map.render(view, run.layers(), run.signal);
      composePage(canvas, layout, { ...content, map: pixels, note, pageLabel: pages.length > 1 ? run.pageLabel(i + 1, pages.length) : '' });
      await onPage(canvas, layout, i);
    }
    run.onProgress?.(pages.length, pages.length);
  } finally {
    map.remove();
    canvas.width = canvas.height = 0;
  }
  return { mapDpi };
}
