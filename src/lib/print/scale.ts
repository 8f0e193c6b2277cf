// A scale bar of a round length (1, 2 or 5 times a power of ten metres) that fits a given width.

export interface ScaleBar {
  /** length in metres */
  metres: number;
  /** length in pixels */
  px: number;
  /** "500 m", "2 km" */
  label: string;
}

/**
 * The longest round length that fits in `maxPx`.
 * @param metresPerPx ground metres per pixel at the bar's place
 * @param maxPx the widest the bar may be, in pixels
 */
export function niceScaleBar(metresPerPx: number, maxPx: number): ScaleBar {
  if (!(metresPerPx > 0) || !Number.isFinite(metresPerPx)) throw new Error(`metresPerPx must be a positive number, got ${metresPerPx}.`);
  if (!(maxPx > 0)) throw new Error(`maxPx must be positive, got ${maxPx}.`);
  const most = metresPerPx * maxPx;
  const pow = 10 ** Math.floor(Math.log10(most));
  // guard against log10 rounding just below a power of ten
  const steps = [5, 2, 1, 0.5].map((s) => s * pow);
  const metres = steps.find((s) => s <= most * (1 + 1e-12)) ?? pow / 10;
  const label = metres >= 1000 ? `${+(metres / 1000).toPrecision(6)} km` : `${+metres.toPrecision(6)} m`;
  return { metres, px: metres / metresPerPx, label };
}
