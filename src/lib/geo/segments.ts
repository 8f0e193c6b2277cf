// Exact planar segment geometry: segment-segment distance, and the stretch of a segment that lies
// within a radius of another segment (the hot inner loops of adjacency.ts).

/** Squared distance from point (px, py) to segment (ax, ay)-(bx, by), metres². */
export function pointSegDist2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const ex = ax + t * dx - px, ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/** Minimum distance between segments p1-p2 and q1-q2, metres; 0 when they cross or touch. */
export function segSegDist(
  p1x: number, p1y: number, p2x: number, p2y: number,
  q1x: number, q1y: number, q2x: number, q2y: number,
): number {
  const d1 = (p2x - p1x) * (q1y - p1y) - (p2y - p1y) * (q1x - p1x);
  const d2 = (p2x - p1x) * (q2y - p1y) - (p2y - p1y) * (q2x - p1x);
  const d3 = (q2x - q1x) * (p1y - q1y) - (q2y - q1y) * (p1x - q1x);
  const d4 = (q2x - q1x) * (p2y - q1y) - (q2y - q1y) * (p2x - q1x);
  // proper crossing; touching and collinear cases fall through to an endpoint distance of 0
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return 0;
  return Math.sqrt(
    Math.min(
      pointSegDist2(p1x, p1y, q1x, q1y, q2x, q2y),
      pointSegDist2(p2x, p2y, q1x, q1y, q2x, q2y),
      pointSegDist2(q1x, q1y, p1x, p1y, p2x, p2y),
      pointSegDist2(q2x, q2y, p1x, p1y, p2x, p2y),
    ),
  );
}

/**
 * The parameter interval [t0, t1] ⊂ [0, len] of points P + t·u (a moving segment: start P, unit direction u,
 * length len) whose distance to a fixed segment (start C, unit direction v, length m > 0) is <= r; (wx, wy) = P - C.
 * The r-neighbourhood of a segment is convex (a stadium: a rectangle plus two end disks), so the answer is one
 * interval: the hull of the line's intersections with the three pieces. The rectangle is tried first: when it
 * already covers the whole segment the disks are skipped.
 * @param r radius, metres
 * @param out receives t0 at out[0] and t1 at out[1]
 * @returns false when no point of the segment is within r (or only a single point is)
 */
export function frameInterval(
  wx: number, wy: number, ux: number, uy: number, len: number, vx: number, vy: number, m: number, r: number, out: Float64Array,
): boolean {
  let lo = Infinity, hi = -Infinity;
  // the rectangle: 0 <= w·v + t u·v <= m, |w×v + t u×v| <= r
  let tlo = -Infinity, thi = Infinity;
  const wv = wx * vx + wy * vy, uv = ux * vx + uy * vy;
  if (uv === 0) {
    if (wv < 0 || wv > m) tlo = Infinity;
  } else {
    const i = 1 / uv;
    const t1 = -wv * i, t2 = (m - wv) * i;
    tlo = t1 < t2 ? t1 : t2;
    thi = t1 < t2 ? t2 : t1;
  }
  const wxv = wx * vy - wy * vx, uxv = ux * vy - uy * vx;
  if (uxv === 0) {
    if (wxv < -r || wxv > r) tlo = Infinity;
  } else {
    const i = 1 / uxv;
    const t1 = (-r - wxv) * i, t2 = (r - wxv) * i;
    if ((t1 < t2 ? t1 : t2) > tlo) tlo = t1 < t2 ? t1 : t2;
    if ((t1 < t2 ? t2 : t1) < thi) thi = t1 < t2 ? t2 : t1;
  }
  if (tlo <= thi) {
    if (tlo <= 0 && thi >= len) {
      out[0] = 0;
      out[1] = len;
      return len > 0;
    }
    lo = tlo;
    hi = thi;
  }
  const r2 = r * r;
  // end disks: t² + 2bt + c <= 0
  const b = ux * wx + uy * wy;
  let disc = b * b - (wx * wx + wy * wy - r2);
  if (disc >= 0) {
    const s = Math.sqrt(disc);
    if (-b - s < lo) lo = -b - s;
    if (-b + s > hi) hi = -b + s;
  }
  const ex = wx - m * vx, ey = wy - m * vy;
  const bd = ux * ex + uy * ey;
  disc = bd * bd - (ex * ex + ey * ey - r2);
  if (disc >= 0) {
    const s = Math.sqrt(disc);
    if (-bd - s < lo) lo = -bd - s;
    if (-bd + s > hi) hi = -bd + s;
  }
  const t0 = lo > 0 ? lo : 0;
  const t1 = hi < len ? hi : len;
  out[0] = t0;
  out[1] = t1;
  return t1 > t0;
}
