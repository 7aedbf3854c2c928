/** Plain data types of the OCR pipeline: images and pages here; lines, boxes and results are the wire contract. */

export type {
  BlockKind,
  OcrBlock,
  OcrLine,
  OcrResult,
  OcrWord,
  Point,
  Quad,
  StepTimings,
} from '../contracts/ocr-result';

/** A decoded image: interleaved 8-bit RGB, EXIF orientation applied. */
export interface RgbImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/**
 * An image as the pipeline takes it: upright pixels, and their copy at the detector's input size (made together with
 * the decode, on the image thread in the engine, so that the full image crosses threads once).
 */
export interface Page {
  readonly image: RgbImage;
  readonly detInput: RgbImage;
  /** The encoded image's size when `image` is a smaller working copy of it (working-size.ts); boxes map back to it. */
  readonly source?: { readonly width: number; readonly height: number };
  /** The encoded image ended early (ends-early.ts): the part that was there was decoded, and the result says so. */
  readonly truncated?: true;
}
