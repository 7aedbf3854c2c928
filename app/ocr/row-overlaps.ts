/**
 * Neighbouring boxes on one text line that the detector's unclip grew into each other, cut apart in the middle of
 * their overlap. DB splits a line of large type at a wide word space, then grows each part by about three quarters of
 * its height on every side, more than the space: each crop then holds the edge of its neighbour's last or first glyph,
 * which the recogniser reads as a letter more ("Lantern 1 OCR", "Kuala a Lumpur"). Both parts grow alike, so the
 * middle of their overlap is the middle of the space.
 */
import { dist } from './geometry';
import type { Point, Quad } from './types';

/** Two boxes whose long sides differ by less than this (radians, about 5°) run along one line. */
const PARALLEL = 0.09;
/** They share a line when they overlap across it by at least half the lower box's height. */
const SAME_LINE = 0.5;
/** Side by side, not one inside the other: the overlap along the line is under half the shorter box. */
const SIDE_BY_SIDE = 0.5;

/** A box as its top-left corner, unit vectors along (u) and across (v) its line, and its length and height. */
interface Frame {
  readonly o: Point;
  readonly u: Point;
  readonly v: Point;
  readonly len: number;
  readonly h: number;
}

const dot = (a: Point, b: Point) => a[0] * b[0] + a[1] * b[1];
const sub = (a: Point, b: Point): Point => [a[0] - b[0], a[1] - b[1]];
const at = (f: Frame, s: number, t: number): Point => [
  f.o[0] + s * f.u[0] + t * f.v[0],
  f.o[1] + s * f.u[1] + t * f.v[1],
];

function frameOf(q: Quad): Frame | undefined {
  const [tl, tr, , bl] = q;
  const len = dist(tl, tr);
  const h = dist(tl, bl);
  if (len <= h || h === 0) return undefined; // a short or vertical box: no line to follow
  return {
    o: tl,
    u: [(tr[0] - tl[0]) / len, (tr[1] - tl[1]) / len],
    v: [(bl[0] - tl[0]) / h, (bl[1] - tl[1]) / h],
    len,
    h,
  };
}

/** The part of a box from s0 to s1 along its line, in whole pixels as the detector's boxes are. */
function quadOf(f: Frame, s0: number, s1: number): Quad {
  const r = (p: Point): Point => [Math.round(p[0]), Math.round(p[1])];
  return [r(at(f, s0, 0)), r(at(f, s1, 0)), r(at(f, s1, f.h)), r(at(f, s0, f.h))];
}

/**
 * Where `b` starts along `a`'s line when the two are neighbours on it whose boxes overlap (b to the right of a), else
 * undefined; `angleA` and `angleB` are the frames' directions (frameAngle). In scalars, allocating nothing: it runs for
 * every pair of boxes on a page.
 */
function overlapStart(a: Frame, b: Frame, angleA: number, angleB: number): number | undefined {
  if (Math.abs(angleA - angleB) >= PARALLEL) return undefined;
  let tMin = Infinity;
  let tMax = -Infinity;
  let b0 = Infinity;
  let b1 = -Infinity;
  // b's corners at(b, 0, 0), at(b, len, 0), at(b, len, h), at(b, 0, h), less a.o, told along a's u and v.
  for (let k = 0; k < 4; k++) {
    const s = k === 1 || k === 2 ? b.len : 0;
    const t = k >= 2 ? b.h : 0;
    const x = b.o[0] + s * b.u[0] + t * b.v[0] - a.o[0];
    const y = b.o[1] + s * b.u[1] + t * b.v[1] - a.o[1];
    const onV = x * a.v[0] + y * a.v[1];
    const onU = x * a.u[0] + y * a.u[1];
    tMin = Math.min(tMin, onV);
    tMax = Math.max(tMax, onV);
    b0 = Math.min(b0, onU);
    b1 = Math.max(b1, onU);
  }
  const across = Math.min(a.h, tMax) - Math.max(0, tMin);
  if (across < SAME_LINE * Math.min(a.h, b.h)) return undefined;
  const along = a.len - b0;
  if (b0 <= 0 || b1 <= a.len || along <= 0 || along >= SIDE_BY_SIDE * Math.min(a.len, b1 - b0))
    return undefined;
  return b0;
}

/** A frame's direction along its line. */
const frameAngle = (f: Frame | undefined): number => (f ? Math.atan2(f.u[1], f.u[0]) : 0);

/**
 * The share of the boxes that overlap a neighbour on their line: a few on any page (large type split at a wide word
 * space), most where the detector broke the page's lines apart at their word spaces.
 */
export function rowOverlapShare(quads: readonly Quad[]): number {
  const frames = quads.map(frameOf);
  const angles = frames.map(frameAngle);
  const paired = new Uint8Array(quads.length);
  for (let i = 0; i < quads.length; i++)
    for (let j = 0; j < quads.length; j++) {
      const a = frames[i];
      const b = i === j ? undefined : frames[j];
      if (a && b && overlapStart(a, b, angles[i]!, angles[j]!) !== undefined) paired[i] = paired[j] = 1;
    }
  return quads.length > 0 ? paired.reduce((n, v) => n + v, 0) / quads.length : 0;
}

/** The boxes with every overlapping pair of neighbours on one line cut apart mid-overlap; others as they were. */
export function splitRowOverlaps(quads: readonly Quad[]): Quad[] {
  const out = [...quads];
  // Each box's frame once, made again only when its box is cut: the pairs below are every pair on the page.
  const frames = out.map(frameOf);
  const angles = frames.map(frameAngle);
  const set = (k: number, q: Quad) => {
    out[k] = q;
    frames[k] = frameOf(q);
    angles[k] = frameAngle(frames[k]);
  };
  for (let i = 0; i < out.length; i++)
    for (let j = 0; j < out.length; j++) {
      const a = frames[i];
      const b = i === j ? undefined : frames[j];
      const b0 = a && b ? overlapStart(a, b, angles[i]!, angles[j]!) : undefined;
      if (a === undefined || b === undefined || b0 === undefined) continue;
      const cut = (b0 + a.len) / 2;
      set(i, quadOf(a, 0, cut));
      set(j, quadOf(b, dot(sub(at(a, cut, 0), b.o), b.u), b.len));
    }
  return out;
}
