/** Detection as the pipeline runs it: a page (again finer where its text is small), or a line crop with padded edges. */
import type { DetParams } from '../models/manifest';
import type { DetBox } from './db-postprocess';
import { detect } from './det';
import { finerDetSide } from './fine-scale';
import { pageOf, type ImageOps } from './image-ops';
import type { Sessions } from './sessions';
import type { ShapePolicy } from './shape-buckets';
import type { Page, RgbImage } from './types';
import { padEdges, unpadQuad } from './whole-line';

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

/** Detection on a page, again at a finer scale where the text it found is small at the detector's input. */
export async function detectPage(d: Detector, page: Page): Promise<Detection> {
  const first = await detect(d.session, page, d.params, d.shapes);
  const side = finerDetSide(
    page.image,
    page.detInput.width,
    first.boxes.map((b) => b.quad),
  );
  if (side === undefined) return first;
  const fine = await pageOf(page.image, { limitSideLen: side, limitType: 'max' }, d.resize);
  const again = await detect(d.session, fine, d.params, d.shapes);
  return { boxes: again.boxes, runMs: first.runMs + again.runMs };
}

/** Detection on a line crop with its edges padded (whole-line.ts), boxes told in the crop's own pixels. */
export async function detectPadded(d: Detector, img: RgbImage, pad: number): Promise<Detection> {
  const det = await detect(d.session, await detectorPage(d, padEdges(img, pad)), d.params, d.shapes);
  return { ...det, boxes: det.boxes.map((b) => ({ ...b, quad: unpadQuad(b.quad, pad, img) })) };
}
