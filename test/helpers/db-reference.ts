/** Reference versions of DB post-processing steps (slow and plain), to check app/ocr/db-postprocess.ts against. */
import { scoreWindow, type ProbMap } from '../../app/ocr/db-postprocess';
import { insideConvex } from '../../app/ocr/geometry';
import type { Point, Quad } from '../../app/ocr/types';

/** The first region finder (a pixel flood fill), kept to check the run-based one against. */
export function referenceTextRegions(map: ProbMap, thresh: number, maxRegions: number): Point[][] {
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

/** The first box score (a point-in-quad test per pixel), kept to check the span-based one against. */
export function referenceBoxScore(map: ProbMap, quad: Quad): number {
  const { data, width: w } = map;
  const { x0, x1, y0, y1, poly } = scoreWindow(map, quad);
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
