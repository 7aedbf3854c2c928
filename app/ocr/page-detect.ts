/** Detection as the pipeline runs it: a page (again finer where its text is small), or a line crop with padded edges. */
import type { DetParams } from '../models/manifest';
import type { DetBox } from './db-postprocess';
import { detect } from './det';
import { cropRect } from './crop';
import {
  faintRegions,
  foundAgain,
  joinLineBoxes,
  keptLineHeight,
  onceEach,
  onPage,
  withMargin,
  type PageRegion,
} from './faint-lines';
import { mayHoldTwoRows, rowsOf } from './stacked-rows';
import { FINE_TEXT_BOX, finerDetSide, finerSideFor, lineBoxOf, medianBoxHeight, SHRUNK } from './fine-scale';
import { levelPage, levelSkew } from './level-page';
import { paperRegion } from './paper-region';
import { contentRegion } from './content-region';
import { boundsCentre } from './geometry';
import { pageOf, type ImageOps } from './image-ops';
import type { Sessions } from './sessions';
import type { ShapePolicy } from './shape-buckets';
import type { Page, Quad, RgbImage } from './types';
import { linePad, padEdges, unpadQuad } from './whole-line';
import { leaderEnds, newBoxes } from './leader-ends';
import { lineDetSide } from './line-det-side';
import { inkProfile } from './ink-spaces';

/** What detection runs with: the detector's session and parameters, the input shapes and the resize. */
export interface Detector {
  readonly session: Sessions['det'];
  readonly params: DetParams;
  readonly shapes: ShapePolicy;
  readonly resize: ImageOps['resize'];
}

/** Boxes found and the time spent in onnxruntime finding them. */
export interface Detection {
  readonly boxes: DetBox[];
  readonly runMs: number;
}

/** A decoded image with its detector input made (the page every detection starts from). */
export function detectorPage(d: Detector, img: RgbImage): Promise<Page> {
  return pageOf(img, d.params, d.resize);
}

/**
 * Detection on a page: on a shrunk image on a plain canvas whose text was found small (or hardly found), again on its
 * content alone (content-region.ts); on a shrunk photo of a sheet of paper, again on the paper (paper-region.ts); each
 * only when it sees the text finer than the finer pass would. Else again at a finer scale where the text it found is
 * small at the detector's input; else again around the faint lines it dropped (faint-lines.ts). Then the ink after
 * any dot leader again, without the leader (leader-ends.ts).
 */
export async function detectPage(d: Detector, page: Page): Promise<Detection> {
  const det = await detectWhole(d, page, false);
  let runMs = det.runMs;
  const again: DetBox[] = [];
  const replaced = new Set<number>();
  for (const r of leaderEnds(page.image, det.boxes)) {
    const found = await detectLeaderEnd(d, cropRect(page.image, r.x0, r.y0, r.x1, r.y1));
    runMs += found.runMs;
    const kept = det.boxes.filter((_, i) => !r.fragments.includes(i));
    const boxes = newBoxes(
      found.boxes.map((b) => onPage(b, r)),
      kept,
      page.image.width,
    );
    if (boxes.length === 0) continue;
    again.push(...boxes);
    r.fragments.forEach((i) => replaced.add(i));
  }
  if (again.length === 0) return det;
  return { boxes: [...det.boxes.filter((_, i) => !replaced.has(i)), ...again], runMs };
}

/**
 * Detection on a leader end's crop padded with its paper to the detector's grid and seen at its own pixels: resized to
 * the grid, a crop a few glyphs wide is stretched by up to a fifth, and a lone figure's box comes back tall enough to
 * be read as vertical text (crop.ts isVertical). Boxes in the crop's pixels.
 */
async function detectLeaderEnd(d: Detector, crop: RgbImage): Promise<Detection> {
  const pad = linePad(crop);
  const padded = padEdges(crop, pad, DET_GRID);
  const limit = { limitSideLen: Math.max(padded.width, padded.height), limitType: 'max' } as const;
  const det = await detect(d.session, await pageOf(padded, limit, d.resize), d.params, d.shapes);
  return { ...det, boxes: det.boxes.map((b) => ({ ...b, quad: unpadQuad(b.quad, pad, crop) })) };
}

/** The detector's input sides are multiples of this (det-size.ts). */
const DET_GRID = 32;

/** detectPage up to the leader ends; `onContent` marks a page that is already an image's content. */
async function detectWhole(d: Detector, page: Page, onContent: boolean): Promise<Detection> {
  const found = await detect(d.session, page, d.params, d.shapes);
  const { width, height } = page.image;
  const scale = page.detInput.width / width;
  const { side, runMs } = await finerSide(
    d,
    page,
    found.boxes.map((b) => b.quad),
  );
  const first = { ...found, runMs: found.runMs + runMs };
  // A region seen at the detector's usual size beats the finer pass over the whole image only where it sees it finer.
  const finer = Math.max(FINER * scale, side === undefined ? 0 : side / Math.max(width, height));
  // Text found at a size the detector reads well stays as found: again finer, justified lines split at their spaces.
  const unsized = side !== undefined || first.boxes.length < SIZED_BY;
  const content =
    !onContent && unsized && scale <= SHRUNK ? contentRegion(page.detInput, width, height) : undefined;
  if (content && sheetScale(d, content) >= finer) {
    const again = await detectContent(d, page.image, content);
    return { boxes: again.boxes, runMs: first.runMs + again.runMs };
  }
  const paper = scale <= SHRUNK ? paperRegion(page.detInput, width, height) : undefined;
  const paperScale = paper ? sheetScale(d, paper) : 0;
  if (paper && paperScale >= finer) return detectPaper(d, page.image, first, paper, paperScale);
  if (side === undefined) return first.faintLines.length > 0 ? detectFaintLines(d, page, first) : first;
  const fine = await pageOf(page.image, { limitSideLen: side, limitType: 'max' }, d.resize);
  const again = await detect(d.session, fine, d.params, d.shapes);
  return { boxes: again.boxes, runMs: first.runMs + again.runMs };
}

/**
 * The finer pass's side for a page (finerDetSide) and the time spent finding it. A tilted page whose boxes are just
 * over the bar has its text measured again turned level (level-page.ts): a tilt makes its boxes look larger, and a page
 * of small type that skips the finer pass for it is read from crops that take in half of the rows beside them.
 */
async function finerSide(
  d: Detector,
  page: Page,
  quads: readonly Quad[],
): Promise<{ side?: number; runMs: number }> {
  const lineBox = lineBoxOf(quads);
  const side = finerDetSide(page.image, page.detInput.width, lineBox);
  const skew = levelSkew(page.image, page.detInput.width, quads, lineBox);
  if (skew === undefined) return { side, runMs: 0 };
  const level = levelPage(page.image, skew);
  // At the first pass's scale, so that its boxes are measured as a level page's first pass would measure them.
  const scale = page.detInput.width / page.image.width;
  const limitSideLen = Math.round(Math.max(level.width, level.height) * scale);
  const levelDet = await pageOf(level, { limitSideLen, limitType: 'max' }, d.resize);
  const again = await detect(d.session, levelDet, d.params, d.shapes);
  if (again.boxes.length === 0) return { side, runMs: again.runMs };
  const atDet = medianBoxHeight(again.boxes.map((b) => b.quad)) * (levelDet.detInput.width / level.width);
  return { side: finerSideFor(page.image, page.detInput.width, atDet), runMs: again.runMs };
}

/** Detection on the content of an image on a plain canvas, read as a page of its own; boxes in the image's pixels. */
async function detectContent(d: Detector, image: RgbImage, r: PageRegion): Promise<Detection> {
  const crop = cropRect(image, r.x0, r.y0, r.x1, r.y1);
  const det = await detectWhole(d, await detectorPage(d, crop), true);
  return { boxes: det.boxes.map((b) => onPage(b, r)), runMs: det.runMs };
}

/**
 * Detection on a line crop with its edges padded (whole-line.ts), its ink seen at least LINE_DET_INK tall
 * (line-det-side.ts), boxes told in the crop's own pixels.
 */
export async function detectPadded(d: Detector, img: RgbImage, pad: number): Promise<Detection> {
  const padded = padEdges(img, pad);
  // Measured only where the usual size shrinks the crop (a short crop, the most common, is seen whole).
  const shrunk = Math.max(padded.width, padded.height) > d.params.limitSideLen;
  const ink = shrunk ? inkProfile(img).height : img.height;
  const side = lineDetSide(ink || img.height, padded, d.params.limitSideLen);
  const page =
    side > d.params.limitSideLen
      ? await pageOf(padded, { limitSideLen: side, limitType: 'max' }, d.resize)
      : await detectorPage(d, padded);
  const det = await detect(d.session, page, d.params, d.shapes);
  return { ...det, boxes: det.boxes.map((b) => ({ ...b, quad: unpadQuad(b.quad, pad, img) })) };
}

/**
 * The first pass's boxes plus the lines found again around its faint lines, at the finer scale of small text, with any
 * box that holds two rows run together split into them (stacked-rows.ts).
 */
async function detectFaintLines(
  d: Detector,
  page: Page,
  first: Detection & { readonly faintLines: readonly Quad[] },
): Promise<Detection> {
  const lineH = keptLineHeight(first.boxes);
  if (lineH === undefined) return first;
  // Never coarser than the first pass, and never more than twice the image's own pixels.
  const scale = Math.min(2, Math.max(FINE_TEXT_BOX / lineH, page.detInput.width / page.image.width));
  const again: DetBox[] = [];
  let runMs = first.runMs;
  for (const region of faintRegions(page.image, first.faintLines, lineH)) {
    const det = await detectRect(d, page.image, region, scale);
    runMs += det.runMs;
    again.push(...joinLineBoxes(foundAgain(region, det.boxes, first.boxes, page.image)));
  }
  const found = [...first.boxes, ...onceEach(again)];
  // Measured over every box: some of the first pass's are rows run together.
  const rowH = keptLineHeight(found) ?? lineH;
  const boxes: DetBox[] = [];
  for (const box of found) {
    if (!mayHoldTwoRows(box, rowH)) {
      boxes.push(box);
      continue;
    }
    const region = withMargin(page.image, box.quad, rowH);
    const det = await detectRect(d, page.image, region, scale);
    runMs += det.runMs;
    boxes.push(...(rowsOf(box, det.boxes, region, found) ?? [box]));
  }
  return { boxes, runMs };
}

/** The first pass's boxes tell the text's size from this many on: one or two may be a photo's edge or a logo. */
const SIZED_BY = 3;

/** The paper must be seen at least this many times finer than the first pass saw it, or there is nothing to gain. */
const FINER = 1.25;

/** The scale the paper is detected at: the detector's usual size, never finer than the image's own pixels. */
const sheetScale = (d: Detector, paper: PageRegion): number =>
  Math.min(1, d.params.limitSideLen / Math.max(paper.x1 - paper.x0, paper.y1 - paper.y0));

/** The first pass's boxes outside the paper, and the paper's own lines detected again on its rectangle at `scale`. */
async function detectPaper(
  d: Detector,
  image: RgbImage,
  first: Detection,
  paper: PageRegion,
  scale: number,
): Promise<Detection> {
  const det = await detectRect(d, image, paper, scale);
  const inside = (b: DetBox) => {
    const [x, y] = boundsCentre(b.quad);
    return x >= paper.x0 && x < paper.x1 && y >= paper.y0 && y < paper.y1;
  };
  const kept = first.boxes.filter((b) => !inside(b));
  return { boxes: [...kept, ...det.boxes.map((b) => onPage(b, paper))], runMs: first.runMs + det.runMs };
}

/** Detection on an upright rectangle of the image scaled by `scale`, boxes told in the rectangle's own pixels. */
async function detectRect(d: Detector, image: RgbImage, r: PageRegion, scale: number): Promise<Detection> {
  const crop = cropRect(image, r.x0, r.y0, r.x1, r.y1);
  const side = Math.round(Math.max(crop.width, crop.height) * scale);
  return detect(
    d.session,
    await pageOf(crop, { limitSideLen: side, limitType: 'max' }, d.resize),
    d.params,
    d.shapes,
  );
}
