/** Plane geometry for text boxes: convex hull, minimum-area rectangle, point ordering, unclip and clipping. */
import type { Point, Quad } from './types';

/** Convex hull (Andrew's monotone chain), counter-clockwise, without collinear points. */
export function convexHull(points: readonly Point[]): Point[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const cross = (o: Point, a: Point, b: Point) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0)
      lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0)
      upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/** A rotated rectangle: its four corners (any order) plus side lengths. */
export interface RotatedRect {
  readonly corners: readonly [Point, Point, Point, Point];
  readonly width: number;
  readonly height: number;
}

/** Minimum-area enclosing rectangle of a point set (rotating calipers over hull edges), like cv2.minAreaRect. */
export function minAreaRect(points: readonly Point[]): RotatedRect {
  const hull = convexHull(points);
  if (hull.length === 0)
    return {
      corners: [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      width: 0,
      height: 0,
    };
  if (hull.length < 3) {
    const [a, b = a] = hull as [Point, Point?];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    return { corners: [a, b, b, a], width: len, height: 0 };
  }
  let best: RotatedRect | undefined;
  let bestArea = Infinity;
  for (let i = 0; i < hull.length; i++) {
    const p = hull[i]!;
    const q = hull[(i + 1) % hull.length]!;
    const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
    if (len === 0) continue;
    const ux = (q[0] - p[0]) / len;
    const uy = (q[1] - p[1]) / len;
    let minU = Infinity,
      maxU = -Infinity,
      minV = Infinity,
      maxV = -Infinity;
    for (const h of hull) {
      const u = h[0] * ux + h[1] * uy;
      const v = -h[0] * uy + h[1] * ux;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea) {
      bestArea = area;
      const at = (u: number, v: number): Point => [u * ux - v * uy, u * uy + v * ux];
      best = {
        corners: [at(minU, minV), at(maxU, minV), at(maxU, maxV), at(minU, maxV)],
        width: maxU - minU,
        height: maxV - minV,
      };
    }
  }
  return best!;
}

/** Orders four corners as PaddleOCR's get_mini_boxes does: top-left, top-right, bottom-right, bottom-left. */
export function orderQuad(corners: readonly Point[]): Quad {
  const s = [...corners].sort((a, b) => a[0] - b[0]);
  const [l0, l1, r0, r1] = s as [Point, Point, Point, Point];
  const [tl, bl] = l1[1] > l0[1] ? [l0, l1] : [l1, l0];
  const [tr, br] = r1[1] > r0[1] ? [r0, r1] : [r1, r0];
  return [tl, tr, br, bl];
}

/** Distance between two points. */
export function dist(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Grows a rotated rectangle by DB's unclip distance (area * ratio / perimeter) on every side. */
export function unclipRect(rect: RotatedRect, ratio: number): RotatedRect {
  const { width: w, height: h } = rect;
  const perimeter = 2 * (w + h);
  if (perimeter === 0) return rect;
  const d = (w * h * ratio) / perimeter;
  const [a, b, , dd] = rect.corners;
  const ux = w > 0 ? (b[0] - a[0]) / w : 1;
  const uy = w > 0 ? (b[1] - a[1]) / w : 0;
  const vx = h > 0 ? (dd[0] - a[0]) / h : -uy;
  const vy = h > 0 ? (dd[1] - a[1]) / h : ux;
  const ox = a[0] - d * ux - d * vx;
  const oy = a[1] - d * uy - d * vy;
  const W = w + 2 * d;
  const H = h + 2 * d;
  return {
    corners: [
      [ox, oy],
      [ox + W * ux, oy + W * uy],
      [ox + W * ux + H * vx, oy + W * uy + H * vy],
      [ox + H * vx, oy + H * vy],
    ],
    width: W,
    height: H,
  };
}

/** Clamps every point of a quad into [0, w] x [0, h]. */
export function clipQuad(q: Quad, w: number, h: number): Quad {
  const c = (p: Point): Point => [Math.min(Math.max(p[0], 0), w), Math.min(Math.max(p[1], 0), h)];
  return [c(q[0]), c(q[1]), c(q[2]), c(q[3])];
}

/** The slice of a quad between shares `f0` and `f1` of its length (along its top and bottom edges): a part of a line. */
export function sliceQuad(q: Quad, f0: number, f1: number, snap: (v: number) => number = (v) => v): Quad {
  const [tl, tr, br, bl] = q;
  const at = (a: Point, b: Point, f: number): Point => [
    snap(a[0] + (b[0] - a[0]) * f),
    snap(a[1] + (b[1] - a[1]) * f),
  ];
  return [at(tl, tr, f0), at(tl, tr, f1), at(bl, br, f1), at(bl, br, f0)];
}

/** Axis-aligned bounds of a quad. */
export function quadBounds(q: Quad): { x0: number; y0: number; x1: number; y1: number } {
  const xs = q.map((p) => p[0]);
  const ys = q.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** The centre of a quad's axis-aligned bounds: where a box is said to lie. */
export function boundsCentre(q: Quad): Point {
  const b = quadBounds(q);
  return [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2];
}

/** Whether (x, y) lies inside or on a convex polygon given in either winding. */
export function insideConvex(poly: readonly Point[], x: number, y: number): boolean {
  let sign = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    const c = (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
    if (Math.abs(c) < 1e-9) continue;
    const s = c > 0 ? 1 : -1;
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}
