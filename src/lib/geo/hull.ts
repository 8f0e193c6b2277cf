/**
 * Convex hull of points given as a flat [x0, y0, x1, y1, …] array (Andrew's monotone chain).
 * Returns the hull as a closed ring, counter-clockwise; fewer than 3 distinct points give what there is.
 */
export function convexHull(xy: ArrayLike<number>): number[][] {
  const n = xy.length >> 1;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => xy[2 * a] - xy[2 * b] || xy[2 * a + 1] - xy[2 * b + 1]);
  const cross = (o: number, a: number, b: number): number =>
    (xy[2 * a] - xy[2 * o]) * (xy[2 * b + 1] - xy[2 * o + 1]) - (xy[2 * a + 1] - xy[2 * o + 1]) * (xy[2 * b] - xy[2 * o]);
  const lower: number[] = [];
  for (const i of idx) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], i) <= 0) lower.pop();
    lower.push(i);
  }
  const upper: number[] = [];
  for (let k = idx.length - 1; k >= 0; k--) {
    const i = idx[k];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], i) <= 0) upper.pop();
    upper.push(i);
  }
  const ring = [...lower.slice(0, -1), ...upper.slice(0, -1)].map((i) => [xy[2 * i], xy[2 * i + 1]]);
  if (ring.length) ring.push([...ring[0]]);
  return ring;
}
