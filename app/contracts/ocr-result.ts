/** The OCR result on the wire: lines, boxes, layout blocks and timings, as the engine, HTTP API, IPC and UI share them. */
import type { ResultWarning } from './result-warnings';

/** A point in image pixel coordinates. */
export type Point = readonly [number, number];

/** A quadrilateral, clockwise from top-left. */
export type Quad = readonly [Point, Point, Point, Point];

/** One recognised text line. */
export interface OcrLine {
  readonly text: string;
  readonly score: number;
  readonly box: Quad;
  /** Its words on the boxes their characters were read at, when asked for (`words` option). */
  readonly words?: readonly OcrWord[];
}

/** One word of a line and the part of the line's box its characters were read in. */
export interface OcrWord {
  readonly text: string;
  readonly box: Quad;
}

/** What a layout block holds: a heading (larger type), running text, or table rows (cells apart on a shared row). */
export type BlockKind = 'heading' | 'paragraph' | 'table';

/** A layout block: its bounding box, the indices of its lines in `OcrResult.lines` (in reading order), its kind. */
export interface OcrBlock {
  readonly box: Quad;
  readonly lines: readonly number[];
  /**
   * `lines` cut into the layout's rows, top to bottom, each left to right (`rows.flat()` is `lines`). Absent from
   * results made before rows existed: history entries stored then, and documents older clients send back.
   */
  readonly rows?: readonly (readonly number[])[];
  readonly kind: BlockKind;
}

/** Milliseconds spent per pipeline step. */
export interface StepTimings {
  readonly decode: number;
  readonly det: number;
  readonly cls: number;
  readonly rec: number;
  readonly total: number;
}

/** The result shape shared by the CLI, the engine protocol and the HTTP API. */
export interface OcrResult {
  readonly file?: string;
  readonly width: number;
  readonly height: number;
  readonly lines: readonly OcrLine[];
  readonly text: string;
  readonly paragraphs?: readonly string[];
  /** How far the page was found turned clockwise (0, 90, 180, 270); lines were read and ordered upright. */
  readonly orientation?: 0 | 90 | 180 | 270;
  /** Layout blocks in reading order (absent from results made before layout analysis existed). */
  readonly blocks?: readonly OcrBlock[];
  readonly ms: StepTimings;
  readonly provider: string;
  /** What of the input could not be read (an image cut short); absent when it was all there. */
  readonly warnings?: readonly ResultWarning[];
}
