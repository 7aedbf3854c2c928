/** DB text-detection post-processing (PaddleOCR's DBPostProcess): probability map to ordered text quads. */
import type { DetParams } from '../models/manifest';
import { clipQuad, dist, insideConvex, minAreaRect, orderQuad, unclipRect } from './geometry';
import type { Point, Quad } from './types';

/** A probability map as the detector returns it (row-major H x W). */
export interface ProbMap {
  readonly data: Float32Array;
  readonly width: number;
  readonly height: number;
}

/** Connected regions of `prob > thresh` (8-connected), each as the row extremes of its pixels (enough for the hull). */
export function textRegions(map: ProbMap, thresh: number, maxRegions: number): Point[][] {
  const { data, width: w, height: h } = map;
  const seen = new Uint8Array(w * h);
  const queue = new Int32Array(w * h);
  const regions: Point[][] = [];
  for (let start = 0; start < w * h && regions.length < maxRegions; start++) {
    if (seen[start] || data[start]! <= thresh) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    seen[start] = 1;
    let y0 = h,
      y1 = -1;
    while (head < tail) {
      const idx = queue[head++]!;
      const x = idx % w;
      const y = (idx - x) / w;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= w) continue;
          const n = ny * w + nx;
          if (!seen[n] && data[n]! > thresh) {
            seen[n] = 1;
            queue[tail++] = n;
          }
        }
      }
    }
    const rows = y1 - y0 + 1;
    const minX = new Int32Array(rows).fill(w);
    const maxX = new Int32Array(rows).fill(-1);
    for (let i = 0; i < tail; i++) {
      const idx = queue[i]!;
      const x = idx % w;
      const r = (idx - x) / w - y0;
      if (x < minX[r]!) minX[r] = x;
      if (x > maxX[r]!) maxX[r] = x;
    }
    const pts: Point[] = [];
    for (let r = 0; r < rows; r++) {
      if (maxX[r]! < 0) continue;
      pts.push([minX[r]!, y0 + r]);
      if (maxX[r] !== minX[r]) pts.push([maxX[r]!, y0 + r]);
    }
    regions.push(pts);
  }
  return regions;
}

/** Mean probability inside a quad (PaddleOCR's box_score_fast: integer vertices, filled polygon). */
export function boxScore(map: ProbMap, quad: Quad): number {
  const { data, width: w, height: h } = map;
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const clampI = (v: number, hi: number) => Math.min(Math.max(v, 0), hi);
  const x0 = clampI(Math.floor(Math.min(...xs)), w - 1);
  const x1 = clampI(Math.ceil(Math.max(...xs)), w - 1);
  const y0 = clampI(Math.floor(Math.min(...ys)), h - 1);
  const y1 = clampI(Math.ceil(Math.max(...ys)), h - 1);
  const poly = quad.map((p): Point => [Math.trunc(p[0]), Math.trunc(p[1])]);
  let sum = 0;
  let n = 0;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      if (insideConvex(poly, x, y)) {
        sum += data[y * w + x]!;
        n++;
      }
    }
  }
  return n === 0 ? 0 : sum / n;
}

/** A detected text box in source-image pixels with its detection score. */
export interface DetBox {
  readonly quad: Quad;
  readonly score: number;
}

/** Turns the detector's map into text boxes scaled to the source image (srcW x srcH). */
export function dbPostprocess(map: ProbMap, params: DetParams, srcW: number, srcH: number): DetBox[] {
  const sx = srcW / map.width;
  const sy = srcH / map.height;
  const boxes: DetBox[] = [];
  for (const region of textRegions(map, params.thresh, params.maxCandidates)) {
    const rect = minAreaRect(region);
    if (Math.min(rect.width, rect.height) < params.minSize) continue;
    const score = boxScore(map, orderQuad(rect.corners));
    if (score < params.boxThresh) continue;
    const grown = unclipRect(rect, params.unclipRatio);
    if (Math.min(grown.width, grown.height) < params.minSize + 2) continue;
    const q = orderQuad(grown.corners);
    const scaled = q.map((p): Point => [Math.round(p[0] * sx), Math.round(p[1] * sy)]) as unknown as Quad;
    const clipped = clipQuad(scaled, srcW, srcH);
    if (Math.trunc(dist(clipped[0], clipped[1])) <= 3 || Math.trunc(dist(clipped[0], clipped[3])) <= 3)
      continue;
    boxes.push({ quad: clipped, score });
  }
  return boxes;
}
