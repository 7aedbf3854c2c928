import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitRowOverlaps } from '../../app/ocr/row-overlaps';
import type { Quad } from '../../app/ocr/types';

const box = (x0: number, y0: number, x1: number, y1: number): Quad => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

test('two boxes of one line grown into each other are cut in the middle of their overlap', () => {
  const [a, b] = splitRowOverlaps([box(10, 50, 330, 100), box(300, 52, 500, 101)]);
  assert.deepEqual(a, box(10, 50, 315, 100));
  assert.deepEqual(b, box(315, 52, 500, 101));
});

test('a slanted line is cut across its own direction', () => {
  // 3° up to the right: both boxes share the slope, so the cut is a line across it, not a vertical one.
  const k = Math.tan((3 * Math.PI) / 180);
  const slant = (x0: number, x1: number): Quad => [
    [x0, 100 - x0 * k],
    [x1, 100 - x1 * k],
    [x1, 140 - x1 * k],
    [x0, 140 - x0 * k],
  ];
  const [a, b] = splitRowOverlaps([slant(0, 220), slant(200, 400)]);
  assert.ok(Math.abs(a![1][0] - b![0][0]) <= 1 && Math.abs(a![1][1] - b![0][1]) <= 1, JSON.stringify([a, b]));
  assert.ok(Math.abs(a![1][0] - 210) <= 1, JSON.stringify(a));
});

test('boxes that do not overlap, sit on other lines, nest, or mostly cover each other are left alone', () => {
  const apart = [box(0, 0, 100, 30), box(110, 0, 200, 30)];
  const stacked = [box(0, 0, 300, 30), box(100, 20, 400, 50)]; // overlap across the line of a third of a height
  const nested = [box(0, 0, 300, 30), box(100, 2, 200, 28)];
  const covering = [box(0, 0, 200, 30), box(80, 0, 300, 30)]; // overlap of 120 > half of the shorter (200)
  for (const set of [apart, stacked, nested, covering]) assert.deepEqual(splitRowOverlaps(set), set);
});

test('vertical lines (taller than long) are left to the rest of the pipeline', () => {
  const tall = [box(0, 0, 30, 300), box(0, 280, 30, 500)];
  assert.deepEqual(splitRowOverlaps(tall), tall);
});

/** The pairwise form this file had before its frames were kept (every pair made both frames and corner arrays anew). */
function splitRowOverlapsBefore(quads: readonly Quad[]): Quad[] {
  type P = [number, number];
  type F = { o: P; u: P; v: P; len: number; h: number };
  const dot = (a: P, b: P) => a[0] * b[0] + a[1] * b[1];
  const sub = (a: P, b: P): P => [a[0] - b[0], a[1] - b[1]];
  const at = (f: F, s: number, t: number): P => [
    f.o[0] + s * f.u[0] + t * f.v[0],
    f.o[1] + s * f.u[1] + t * f.v[1],
  ];
  const frameOf = (q: Quad): F | undefined => {
    const [tl, tr, , bl] = q as unknown as P[];
    const len = Math.hypot(tl![0] - tr![0], tl![1] - tr![1]);
    const h = Math.hypot(tl![0] - bl![0], tl![1] - bl![1]);
    if (len <= h || h === 0) return undefined;
    return {
      o: tl!,
      u: [(tr![0] - tl![0]) / len, (tr![1] - tl![1]) / len],
      v: [(bl![0] - tl![0]) / h, (bl![1] - tl![1]) / h],
      len,
      h,
    };
  };
  const r = (p: P): P => [Math.round(p[0]), Math.round(p[1])];
  const quadOf = (f: F, s0: number, s1: number): Quad => [
    r(at(f, s0, 0)),
    r(at(f, s1, 0)),
    r(at(f, s1, f.h)),
    r(at(f, s0, f.h)),
  ];
  const overlapStart = (a: F, b: F): number | undefined => {
    if (Math.abs(Math.atan2(a.u[1], a.u[0]) - Math.atan2(b.u[1], b.u[0])) >= 0.09) return undefined;
    const corners = [at(b, 0, 0), at(b, b.len, 0), at(b, b.len, b.h), at(b, 0, b.h)].map((p) => sub(p, a.o));
    const s = corners.map((p) => dot(p, a.u));
    const t = corners.map((p) => dot(p, a.v));
    const across = Math.min(a.h, Math.max(...t)) - Math.max(0, Math.min(...t));
    if (across < 0.5 * Math.min(a.h, b.h)) return undefined;
    const [b0, b1] = [Math.min(...s), Math.max(...s)];
    const along = a.len - b0;
    if (b0 <= 0 || b1 <= a.len || along <= 0 || along >= 0.5 * Math.min(a.len, b1 - b0)) return undefined;
    return b0;
  };
  const out = [...quads];
  for (let i = 0; i < out.length; i++)
    for (let j = 0; j < out.length; j++) {
      const a = frameOf(out[i]!);
      const b = i === j ? undefined : frameOf(out[j]!);
      const b0 = a && b ? overlapStart(a, b) : undefined;
      if (a === undefined || b === undefined || b0 === undefined) continue;
      const cut = (b0 + a.len) / 2;
      out[i] = quadOf(a, 0, cut);
      out[j] = quadOf(b, dot(sub(at(a, cut, 0), b.o), b.u), b.len);
    }
  return out;
}

test('the boxes come out exactly as the pairwise form it replaced cut them', () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let cuts = 0;
  for (let page = 0; page < 40; page++) {
    // Rows of boxes grown into their neighbours, slanted a little, some tall or short, in shuffled order.
    const quads: Quad[] = [];
    for (let row = 0; row < 8; row++) {
      const [y, h, k] = [row * 60 + rnd() * 20, 12 + rnd() * 40, (rnd() - 0.5) * 0.12];
      let x = rnd() * 50;
      for (let n = 0; n < 5; n++) {
        const w = rnd() < 0.15 ? h * 0.8 : 40 + rnd() * 200;
        const y0 = y + x * k + (rnd() - 0.5) * 6;
        const q: Quad = [
          [x, y0],
          [x + w, y0 + w * k],
          [x + w - h * k, y0 + w * k + h],
          [x - h * k, y0 + h],
        ];
        quads.push(rnd() < 0.5 ? (q.map(([a, b]) => [Math.round(a), Math.round(b)]) as unknown as Quad) : q);
        x += w - rnd() * 40 + 10;
      }
    }
    quads.sort(() => rnd() - 0.5);
    const after = splitRowOverlaps(quads);
    assert.deepEqual(after, splitRowOverlapsBefore(quads));
    cuts += after.filter((q, i) => q !== quads[i]).length;
  }
  assert.ok(cuts > 100, `only ${cuts} boxes were cut`);
});
