/** Warm-up and self-test inputs: the known self-test image, and a page-sized composite of it for real shapes. */
import sharp from 'sharp';
import { normalizeText } from '../eval/metrics';
import type { OcrPipeline } from '../ocr/pipeline';
import { SELF_TEST_PNG_BASE64, SELF_TEST_TEXT } from './self-test-image';

/** The self-test image bytes. */
export const selfTestImage = (): Buffer => Buffer.from(SELF_TEST_PNG_BASE64, 'base64');

/**
 * A 960x544 page with the self-test text tiled on it seven times, so warm-up runs det, cls and rec at request-sized
 * shapes: onnxruntime's first run at a shape costs about twice a later one (its arena grows), and seven lines make one
 * full recognition batch (6) and a single-line batch, the shape of a one-line request. Two of the lines are upside
 * down: the angle classifier only looks at unsure reads, so an upright page alone would leave it cold.
 */
export async function warmupPage(): Promise<Buffer> {
  const tile = selfTestImage();
  const turned = await sharp(tile).rotate(180).png().toBuffer();
  const composites = Array.from({ length: 7 }, (_, i) => ({
    input: i >= 5 ? turned : tile,
    left: 40 + (i % 2) * 440,
    top: 40 + Math.floor(i / 2) * 120,
  }));
  return sharp({ create: { width: 960, height: 544, channels: 3, background: '#ffffff' } })
    .composite(composites)
    .png()
    .toBuffer();
}

/** Whether recognised text is the self-test text (case and spaces ignored: the model may read "OCR" as "OcR"). */
export function isSelfTestText(text: string): boolean {
  const squash = (s: string) => normalizeText(s).replace(/ /g, '').toLowerCase();
  return squash(text) === squash(SELF_TEST_TEXT);
}

/** Runs the warm-up: the page composite once, every model at realistic shapes. */
export async function warmUp(pipeline: OcrPipeline): Promise<number> {
  const t = performance.now();
  await pipeline.recognize(await warmupPage());
  return Math.round(performance.now() - t);
}
