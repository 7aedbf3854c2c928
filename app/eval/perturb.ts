/**
 * Perturbed evaluation: each image is changed as a photo, a screenshot or a scan of the same text might differ from
 * the dev set's (a slight tilt, another size, a tighter crop, a page photographed small, heavy JPEG, light text on
 * dark, low contrast) before it is recognised, and the predicted boxes are mapped back so the do-not-care regions of
 * the original ground truth still apply. A rule fitted to the dev images tends to break under such changes; one with a
 * reason holds.
 */
import sharp, { type Sharp } from 'sharp';
import type { Point, Quad } from '../ocr/types';
import type { Prediction } from './evaluate';

/** One change to an image, with its parameter. */
export type Perturbation =
  | { readonly kind: 'tilt'; readonly degrees: number }
  | { readonly kind: 'scale'; readonly factor: number }
  | { readonly kind: 'trim'; readonly x: number; readonly y: number }
  | { readonly kind: 'embed'; readonly factor: number }
  | { readonly kind: 'desk'; readonly factor: number }
  | { readonly kind: 'jpeg'; readonly quality: number }
  | { readonly kind: 'invert' }
  | { readonly kind: 'contrast'; readonly factor: number };

/** How `--perturb` spells each change. */
export const PERTURB_USAGE =
  'tilt:DEG (turned, white corners), scale:F, trim:X[,Y] (that share of the width [height] cut off each side), ' +
  'embed:F (centred on a grey canvas F times its size: a page photographed on a desk), ' +
  'desk:F (turned 4°, off-centre on a noisy brown desk F times its size, JPEG 88), ' +
  'jpeg:Q (re-encoded), invert, contrast:F (towards mid-grey)';

const number = (s: string | undefined): number => (s === undefined || s.trim() === '' ? NaN : Number(s));

/** Parses `--perturb` ("tilt:3", "scale:0.6", "jpeg:30", "invert", "contrast:0.35"); undefined when it is not one. */
export function parsePerturbation(spec: string): Perturbation | undefined {
  const [kind, arg] = spec.split(':');
  const v = number(arg);
  switch (kind) {
    case 'tilt':
      return Number.isFinite(v) && Math.abs(v) < 45 ? { kind, degrees: v } : undefined;
    case 'scale':
      return v > 0 && v <= 4 ? { kind, factor: v } : undefined;
    case 'trim': {
      const [x, y = 0] = (arg ?? '').split(',').map(number);
      const share = (f: number | undefined) => f !== undefined && f >= 0 && f < 0.5;
      return share(x) && share(y) ? { kind, x: x!, y } : undefined;
    }
    case 'jpeg':
      return Number.isInteger(v) && v >= 1 && v <= 100 ? { kind, quality: v } : undefined;
    case 'embed':
    case 'desk':
      return v >= 1 && v <= 4 ? { kind, factor: v } : undefined;
    case 'invert':
      return arg === undefined ? { kind } : undefined;
    case 'contrast':
      return v > 0 && v <= 1 ? { kind, factor: v } : undefined;
    default:
      return undefined;
  }
}

/** A short label for reports ("tilted 3°"). */
export function perturbationLabel(p: Perturbation): string {
  switch (p.kind) {
    case 'tilt':
      return `tilted ${p.degrees}°`;
    case 'scale':
      return `scaled ${p.factor}×`;
    case 'trim':
      return `trimmed ${p.x} / ${p.y} a side`;
    case 'embed':
      return `on a canvas ${p.factor}× its size`;
    case 'desk':
      return `turned on a desk ${p.factor}× its size`;
    case 'jpeg':
      return `JPEG quality ${p.quality}`;
    case 'invert':
      return 'inverted';
    case 'contrast':
      return `contrast ${p.factor}×`;
  }
}

/**
 * The margin on the left (and right) and the top (and bottom) that a trim cuts off or an embedding's canvas adds, in
 * the original's pixels.
 */
function margins(
  p: Extract<Perturbation, { kind: 'trim' | 'embed' }>,
  w: number,
  h: number,
): [number, number] {
  const [fx, fy] = p.kind === 'trim' ? [p.x, p.y] : [(p.factor - 1) / 2, (p.factor - 1) / 2];
  return [Math.round(w * fx), Math.round(h * fy)];
}

/** How far a page on the desk is turned (clockwise), and its desk's colour at the turned corners. */
const DESK_TURN = 4;
const DESK = '#6b5540';

/** The size of the canvas sharp turns an image onto (its bounding box once turned) and of the desk around it. */
function deskSizes(w: number, h: number, factor: number): { tw: number; th: number; dw: number; dh: number } {
  const a = (DESK_TURN * Math.PI) / 180;
  const tw = Math.round(w * Math.cos(a) + h * Math.sin(a));
  const th = Math.round(w * Math.sin(a) + h * Math.cos(a));
  return { tw, th, dw: Math.round(tw * factor), dh: Math.round(th * factor) };
}

/** Where the turned page lies on the desk: off-centre, as a hand-held photo frames it. */
const deskOffset = (s: ReturnType<typeof deskSizes>): [number, number] => [
  Math.round((s.dw - s.tw) * 0.3),
  Math.round((s.dh - s.th) * 0.6),
];

/** The page turned DESK_TURN°, lying off-centre on a brown desk with a gradient and grain, `factor` times its size. */
async function onDesk(img: Sharp, factor: number, w: number, h: number): Promise<Sharp> {
  const turned = await img
    .rotate(DESK_TURN, { background: DESK })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const s = deskSizes(w, h, factor);
  const desk = Buffer.alloc(s.dw * s.dh * 3);
  for (let y = 0; y < s.dh; y++)
    for (let x = 0; x < s.dw; x++) {
      const t = (x / s.dw + y / s.dh) / 2;
      const grain = ((x * 7919 + y * 104729) % 23) - 11;
      const o = (y * s.dw + x) * 3;
      [desk[o], desk[o + 1], desk[o + 2]] = [90 + 50 * t + grain, 70 + 40 * t + grain, 50 + 30 * t + grain];
    }
  const [left, top] = deskOffset(s);
  const { width, height } = turned.info;
  return sharp(desk, { raw: { width: s.dw, height: s.dh, channels: 3 } })
    .composite([{ input: turned.data, raw: { width, height, channels: 3 }, left, top }])
    .jpeg({ quality: 88 });
}

/** The perturbed image (PNG unless JPEG is the change), with the original's and the result's sizes. */
export async function perturbImage(
  bytes: Uint8Array,
  p: Perturbation,
): Promise<PerturbedSize & { readonly bytes: Uint8Array }> {
  // The pipeline applies EXIF orientation before it detects, so its boxes are in the upright image's pixels.
  const { width: srcWidth, height: srcHeight } = (await sharp(bytes).metadata()).autoOrient;
  const img = sharp(bytes).autoOrient().removeAlpha();
  const out = await (
    await (async () => {
      switch (p.kind) {
        case 'tilt':
          return img.rotate(p.degrees, { background: '#ffffff' }).png();
        case 'scale':
          return img.resize(Math.max(1, Math.round(srcWidth * p.factor))).png();
        case 'trim': {
          const [left, top] = margins(p, srcWidth, srcHeight);
          return img.extract({ left, top, width: srcWidth - 2 * left, height: srcHeight - 2 * top }).png();
        }
        case 'embed': {
          const [left, top] = margins(p, srcWidth, srcHeight);
          return img
            .extend({ left, top, right: left, bottom: top, background: '#6e6a64' })
            .jpeg({ quality: 90 });
        }
        case 'jpeg':
          return img.jpeg({ quality: p.quality });
        case 'invert':
          return img.negate().png();
        case 'contrast':
          return img.linear(p.factor, 128 * (1 - p.factor)).png();
        case 'desk':
          return onDesk(img, p.factor, srcWidth, srcHeight);
      }
    })()
  ).toBuffer({ resolveWithObject: true });
  return { bytes: out.data, width: out.info.width, height: out.info.height, srcWidth, srcHeight };
}

/** The perturbed image's size and the original's, which mapping boxes back needs. */
export interface PerturbedSize {
  readonly width: number;
  readonly height: number;
  readonly srcWidth: number;
  readonly srcHeight: number;
}

/** An offset from a turned image's centre, turned back by `degrees`, as a point of the original image. */
function turnedBack(dx: number, dy: number, degrees: number, size: PerturbedSize): Point {
  const a = (-degrees * Math.PI) / 180;
  return [
    dx * Math.cos(a) - dy * Math.sin(a) + size.srcWidth / 2,
    dx * Math.sin(a) + dy * Math.cos(a) + size.srcHeight / 2,
  ];
}

/** A point of the perturbed image mapped back into the original one. */
function unperturbPoint([x, y]: Point, p: Perturbation, size: PerturbedSize): Point {
  switch (p.kind) {
    case 'tilt':
      // sharp turns about the centre and grows the canvas to hold the turned image.
      return turnedBack(x - size.width / 2, y - size.height / 2, p.degrees, size);
    case 'scale':
      return [(x * size.srcWidth) / size.width, (y * size.srcHeight) / size.height];
    case 'trim':
    case 'embed': {
      // A trim cut the margins off (points move right and down); an embedding added them (points move back).
      const [left, top] = margins(p, size.srcWidth, size.srcHeight);
      const sign = p.kind === 'trim' ? 1 : -1;
      return [x + sign * left, y + sign * top];
    }
    case 'desk': {
      // Off the desk, then turned back about the turned page's centre.
      const s = deskSizes(size.srcWidth, size.srcHeight, p.factor);
      const [left, top] = deskOffset(s);
      return turnedBack(x - left - s.tw / 2, y - top - s.th / 2, DESK_TURN, size);
    }
    case 'jpeg':
    case 'invert':
    case 'contrast':
      return [x, y];
  }
}

/** A prediction on a perturbed image with its boxes mapped back to the original image. */
export function unperturbPrediction(pred: Prediction, p: Perturbation, size: PerturbedSize): Prediction {
  const back = (q: Quad): Quad => [
    unperturbPoint(q[0], p, size),
    unperturbPoint(q[1], p, size),
    unperturbPoint(q[2], p, size),
    unperturbPoint(q[3], p, size),
  ];
  return { ...pred, lines: pred.lines.map((l) => (l.box ? { ...l, box: back(l.box) } : l)) };
}
