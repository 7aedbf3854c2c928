/** DB text-detection post-processing (PaddleOCR's DBPostProcess): probability map to ordered text quads. */
import type { DetParams } from '../models/manifest';
import { clipQuad, dist, insideConvex, minAreaRect, orderQuad, quadBounds, unclipRect } from './geometry';
import type { Point, Quad } from './types';

/** A probability map as the detector returns it (row-major H x W). */
export interface ProbMap {
  readonly data: Float32Array;
  readonly width: number;
  readonly height: number;
}

/** A copy of `a` twice as long (one function: a closure made per growth made V8 drop scanRuns' optimised code). */
function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Growable run table: one row per horizontal run of text pixels, in raster order. */
class Runs {
  x0 = new Int32Array(1024);
  x1 = new Int32Array(1024);
  y = new Int32Array(1024);
  parent = new Int32Array(1024);
  n = 0;

  push(x0: number, x1: number, y: number): number {
    if (this.n === this.x0.length) {
      this.x0 = grow(this.x0);
      this.x1 = grow(this.x1);
      this.y = grow(this.y);
      this.parent = grow(this.parent);
    }
    const i = this.n++;
    this.x0[i] = x0;
    this.x1[i] = x1;
    this.y[i] = y;
    this.parent[i] = i;
    return i;
  }

  root(i: number): number {
    const parent = this.parent;
    let r = i;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[i] !== r) {
      const next = parent[i]!;
      parent[i] = r;
      i = next;
    }
    return r;
  }

  /** Joins two runs' regions under the earlier root, so a region's root is its first run in raster order. */
  join(a: number, b: number): void {
    const ra = this.root(a);
    const rb = this.root(b);
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }
}

/** Finds the runs of `prob > thresh` row by row and joins those that touch a run of the row above (8-connected). */
function scanRuns(map: ProbMap, thresh: number): Runs {
  const { data, width: w, height: h } = map;
  const runs = new Runs();
  let prevFrom = 0;
  let prevTo = 0;
  for (let y = 0; y < h; y++) {
    const rowFrom = runs.n;
    const base = y * w;
    let k = prevFrom;
    let x = 0;
    while (x < w) {
      while (x < w && !(data[base + x]! > thresh)) x++;
      if (x === w) break;
      const x0 = x;
      while (x < w && data[base + x]! > thresh) x++;
      const x1 = x - 1;
      const i = runs.push(x0, x1, y);
      while (k < prevTo && runs.x1[k]! < x0 - 1) k++;
      for (let j = k; j < prevTo && runs.x0[j]! <= x1 + 1; j++) runs.join(i, j);
    }
    prevFrom = rowFrom;
    prevTo = runs.n;
  }
  return runs;
}

/**
 * Connected regions of `prob > thresh` (8-connected), in raster order of their first pixel, each as the row extremes
 * of its pixels (enough for the hull). Labels runs rather than pixels: a page's map is mostly background and its text
 * rows are long runs, so this does one compare per pixel and a few steps per run where a pixel flood fill would do
 * nine neighbour checks per text pixel (docs/pipeline.md).
 */
export function textRegions(map: ProbMap, thresh: number, maxRegions: number): Point[][] {
  const runs = scanRuns(map, thresh);
  const regionOf = new Int32Array(runs.n);
  const regions: Point[][] = [];
  // The row being collected per region: its y and x extremes, written out when the region's next row starts.
  const rowY: number[] = [];
  const rowMin: number[] = [];
  const rowMax: number[] = [];
  const flush = (r: number) => {
    const pts = regions[r]!;
    pts.push([rowMin[r]!, rowY[r]!]);
    if (rowMax[r] !== rowMin[r]) pts.push([rowMax[r]!, rowY[r]!]);
  };
  for (let i = 0; i < runs.n; i++) {
    const root = runs.root(i);
    if (root === i) {
      regionOf[i] = regions.length < maxRegions ? regions.length : -1;
      if (regionOf[i]! >= 0) {
        regions.push([]);
        rowY.push(-1);
        rowMin.push(0);
        rowMax.push(0);
      }
    } else regionOf[i] = regionOf[root]!;
    const r = regionOf[i]!;
    if (r < 0) continue;
    const y = runs.y[i]!;
    if (rowY[r] !== y) {
      if (rowY[r]! >= 0) flush(r);
      rowY[r] = y;
      rowMin[r] = runs.x0[i]!;
      rowMax[r] = runs.x1[i]!;
    } else {
      rowMin[r] = Math.min(rowMin[r]!, runs.x0[i]!);
      rowMax[r] = Math.max(rowMax[r]!, runs.x1[i]!);
    }
  }
  for (let r = 0; r < regions.length; r++) flush(r);
  return regions;
}

/** The map window box_score_fast scans for a quad (its clamped bounding box) and the quad's integer vertices. */
export function scoreWindow(
  map: ProbMap,
  quad: Quad,
): { x0: number; x1: number; y0: number; y1: number; poly: Point[] } {
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const clampI = (v: number, hi: number) => Math.min(Math.max(v, 0), hi);
  return {
    x0: clampI(Math.floor(Math.min(...xs)), map.width - 1),
    x1: clampI(Math.ceil(Math.max(...xs)), map.width - 1),
    y0: clampI(Math.floor(Math.min(...ys)), map.height - 1),
    y1: clampI(Math.ceil(Math.max(...ys)), map.height - 1),
    poly: quad.map((p): Point => [Math.trunc(p[0]), Math.trunc(p[1])]),
  };
}

/**
 * Mean probability inside a quad (PaddleOCR's box_score_fast: integer vertices, filled polygon). For a convex quad
 * each row's inside pixels are one span, found from the four edges, so the sum runs over the span with no test per
 * pixel (same pixels and summation order as testing each one); anything else falls back to the test per pixel.
 */
export function boxScore(map: ProbMap, quad: Quad): number {
  const { data, width: w } = map;
  const { x0, x1, y0, y1, poly } = scoreWindow(map, quad);
  const turn = convexTurn(poly);
  let sum = 0;
  let n = 0;
  for (let y = y0; y <= y1; y++) {
    let lo = x0;
    let hi = x1;
    if (turn !== 0) {
      for (let i = 0; i < 4 && lo <= hi; i++) {
        // Inside this edge: turn * (A - B x) >= 0, an integer inequality in x.
        const [ax, ay] = poly[i]!;
        const [bx, by] = poly[(i + 1) % 4]!;
        const B = by - ay;
        const A = (bx - ax) * (y - ay) + B * ax;
        if (B === 0) {
          if (turn * A < 0) hi = lo - 1;
        } else if (turn * B > 0) hi = Math.min(hi, Math.floor(A / B));
        else lo = Math.max(lo, Math.ceil(A / B));
      }
      for (let x = lo; x <= hi; x++) sum += data[y * w + x]!;
      if (hi >= lo) n += hi - lo + 1;
    } else {
      for (let x = lo; x <= hi; x++) {
        if (insideConvex(poly, x, y)) {
          sum += data[y * w + x]!;
          n++;
        }
      }
    }
  }
  return n === 0 ? 0 : sum / n;
}

/** The winding of a strictly convex quad (1 or -1), or 0 when it is not one (degenerate, bent, crossed). */
function convexTurn(poly: readonly Point[]): number {
  let turn = 0;
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = poly[i]!;
    const [bx, by] = poly[(i + 1) % 4]!;
    const [cx, cy] = poly[(i + 2) % 4]!;
    const c = (bx - ax) * (cy - by) - (by - ay) * (cx - bx);
    if (c === 0) return 0;
    const s = c > 0 ? 1 : -1;
    if (turn === 0) turn = s;
    else if (s !== turn) return 0;
  }
  return turn;
}

/** A detected text box in source-image pixels with its detection score. */
export interface DetBox {
  readonly quad: Quad;
  readonly score: number;
}

/**
 * A region at least this many times as wide as it is tall is a row of text. When such a row runs across a column
 * gutter or a justified line's stretched spaces, its box holds nearly as much paper as ink and scores under the box
 * bar; it is then kept as a faint line to be looked at again (faint-lines.ts), not dropped unseen. Upright rows only:
 * the rows that columns run together; a barcode's bars or a ruled form's verticals are not looked at again.
 */
export const LINE_ASPECT = 8;

/** At most this many faint lines a page, the widest first: a page of merged rows has a few dozen, ruled paper more. */
export const MAX_FAINT_LINES = 48;

/** What the detector's map holds: its boxes, and the faint lines it would have dropped (quads in source pixels). */
export interface DbDetection {
  readonly boxes: DetBox[];
  readonly faintLines: Quad[];
}

/** Turns the detector's map into text boxes scaled to the source image (srcW x srcH), and its faint lines. */
export function dbDetect(map: ProbMap, params: DetParams, srcW: number, srcH: number): DbDetection {
  const sx = srcW / map.width;
  const sy = srcH / map.height;
  const boxes: DetBox[] = [];
  const faintLines: Quad[] = [];
  for (const region of textRegions(map, params.thresh, params.maxCandidates)) {
    const rect = minAreaRect(region);
    if (Math.min(rect.width, rect.height) < params.minSize) continue;
    const score = boxScore(map, orderQuad(rect.corners));
    if (score < params.boxThresh) {
      const line = orderQuad(rect.corners.map((p): Point => [p[0] * sx, p[1] * sy]));
      const b = quadBounds(line);
      if (b.x1 - b.x0 >= LINE_ASPECT * (b.y1 - b.y0)) faintLines.push(line);
      continue;
    }
    const grown = unclipRect(rect, params.unclipRatio);
    if (Math.min(grown.width, grown.height) < params.minSize + 2) continue;
    const q = orderQuad(grown.corners);
    const scaled = q.map((p): Point => [Math.round(p[0] * sx), Math.round(p[1] * sy)]) as unknown as Quad;
    const clipped = clipQuad(scaled, srcW, srcH);
    if (Math.trunc(dist(clipped[0], clipped[1])) <= 3 || Math.trunc(dist(clipped[0], clipped[3])) <= 3)
      continue;
    boxes.push({ quad: clipped, score });
  }
  const width = (q: Quad) => quadBounds(q).x1 - quadBounds(q).x0;
  return { boxes, faintLines: faintLines.sort((a, b) => width(b) - width(a)).slice(0, MAX_FAINT_LINES) };
}
