/** The OCR pipeline over loaded sessions: decode → detect → crop → orient → recognise → re-read unsure → order lines. */
import { loadPack, type LoadedPack } from '../models/load';
import { orientCrops } from './cls';
import { cropQuad, isVertical, rotate180 } from './crop';
import { ctcCharset } from './ctc';
import { detect } from './det';
import type { DetBox } from './db-postprocess';
import { finerDetSide } from './fine-scale';
import { splitRowOverlaps } from './row-overlaps';
import { localImageOps, pageOf, type ImageOps } from './image-ops';
import { rereadLineEnds } from './line-end';
import { rereadUnsure } from './margin-reread';
import { readCrops } from './pack-crops';
import { readUpright } from './upright-read';
import { linePad, padEdges, unpadQuad, wholeQuad, wholeReadWins } from './whole-line';
import { settleOrientation } from './turn-reads';
import {
  inTurnedFrame,
  pageOrientation,
  turnUpright,
  type Orientation,
  uprightQuad,
  type LineVote,
} from './orientation';
import { pageLayout, resultBlocks } from './page-layout';
import { lineWords } from './line-words';
import { gutterCut } from './line-cut';
import type { WordSpan } from './word-spans';
import { withLatinForms } from './latin-forms';
import { paragraphs } from './reading-order';
import { cacheFolder, createSessions, releaseSessions, type SessionOptions, type Sessions } from './sessions';
import { defaultShapeMode, shapePolicy, type ShapeMode, type ShapePolicy } from './shape-buckets';
import type { OcrLine, OcrResult, Page, Point, Quad, RgbImage } from './types';

/** Per-request options. */
export interface RecognizeOptions {
  readonly file?: string;
  readonly paragraphs?: boolean;
  /** Gives each line its words on their own boxes (for a text layer that hugs the ink). */
  readonly words?: boolean;
}

/** Time spent inside onnxruntime for one image (the rest is ours: decode, pre/post-processing). */
export interface RunTimings {
  readonly ortMs: number;
  /** Recogniser sequences read, and how many the int8 cascade's fp32 fallback read again (rec.ts). */
  readonly recSequences: number;
  readonly recFallbacks: number;
}

/** What every read of one page cost, summed: a page read again (turned, or probed) reports all of its work. */
interface PageTally {
  ortMs: number;
  recSequences: number;
  recFallbacks: number;
  det: number;
  cls: number;
  rec: number;
}

/** When a request's timing started (performance.now()) and how much of it went to decoding (`ms.decode`). */
export interface PageClock {
  readonly t0: number;
  readonly decodeMs: number;
}

/** Images at most this tall (or this small) are treated as a single line when detection finds nothing. */
const LINE_CROP_MAX_HEIGHT = 96;

/** Whether an image looks like a single word or line crop. */
export function isLineCrop(w: number, h: number): boolean {
  return h <= LINE_CROP_MAX_HEIGHT && w >= h * 0.5;
}

/** A loaded pipeline: sessions created once, then any number of requests. */
export class OcrPipeline {
  private readonly charset: readonly string[];
  /** onnxruntime time of the last request, for the benchmark's "time outside ORT" figure. */
  lastRun: RunTimings = { ortMs: 0, recSequences: 0, recFallbacks: 0 };
  /** The input shapes the models run at (shape-buckets.ts): exact on the CPU, bucketed on GPU providers. */
  readonly shapes: ShapePolicy;

  private constructor(
    readonly pack: LoadedPack,
    readonly sessions: Sessions,
    private readonly images: ImageOps,
    shapes: ShapeMode | undefined,
  ) {
    this.charset = ctcCharset(pack.dictionary, pack.pack.rec.useSpaceChar);
    const mode = shapes ?? defaultShapeMode(sessions.provider.provider);
    this.shapes = shapePolicy(mode, pack.pack.det, pack.pack.rec);
  }

  /**
   * Verifies the model files (unchanged ones by their record in the model cache folder) and creates the sessions;
   * `shapes` overrides the provider's shape mode (for measuring one against the other).
   */
  static async create(
    modelsDir: string,
    opts: SessionOptions & {
      readonly packId?: string;
      readonly imageOps?: ImageOps;
      readonly shapes?: ShapeMode;
    },
  ): Promise<OcrPipeline> {
    const pack = await loadPack(modelsDir, opts.packId, cacheFolder(opts));
    return new OcrPipeline(
      pack,
      await createSessions(pack, opts),
      opts.imageOps ?? localImageOps,
      opts.shapes,
    );
  }

  /** The same pipeline over other sessions of the same models (warm-up replays recorded answers through it). */
  withSessions(sessions: Sessions): OcrPipeline {
    return new OcrPipeline(this.pack, sessions, this.images, this.shapes.mode);
  }

  /** The provider actually running the models. */
  get provider(): string {
    return this.sessions.provider.provider;
  }

  /** Decodes an encoded image (for callers that change the pixels before recognising them). */
  decode(bytes: Uint8Array): Promise<RgbImage> {
    return this.images.decode(bytes);
  }

  /** Decodes an encoded image as a request is decoded: with the detector's input, made in the same step. */
  decodePage(bytes: Uint8Array): Promise<Page> {
    return this.images.decodePage(bytes, this.pack.pack.det);
  }

  /** Hands back the buffers of a page `decodePage` made, once recognised (it must not be used after). */
  releasePage(page: Page): void {
    this.images.release(page);
  }

  /** Decodes and recognises one encoded image; `ms.decode` includes the detector's resize. */
  async recognize(bytes: Uint8Array, opts: RecognizeOptions = {}): Promise<OcrResult> {
    const t0 = performance.now();
    const page = await this.decodePage(bytes);
    try {
      return await this.recognizePage(page, opts, { t0, decodeMs: performance.now() - t0 });
    } finally {
      this.releasePage(page);
    }
  }

  /** Recognises an already decoded image (its detector input is made first, and counted in `ms.det`). */
  async recognizeImage(img: RgbImage, opts: RecognizeOptions = {}): Promise<OcrResult> {
    const t0 = performance.now();
    const page = await pageOf(img, this.pack.pack.det, (im, w, h) => this.images.resize(im, w, h));
    return this.recognizePage(page, opts, { t0, decodeMs: 0 });
  }

  /** Recognises a decoded page; `clock` says when its request's timing started and how much of it was decoding. */
  async recognizePage(
    page: Page,
    opts: RecognizeOptions = {},
    clock: PageClock = { t0: performance.now(), decodeMs: 0 },
  ): Promise<OcrResult> {
    const tally: PageTally = { ortMs: 0, recSequences: 0, recFallbacks: 0, det: 0, cls: 0, rec: 0 };
    // Detection's time runs from the end of decoding: in recognizeImage() it includes making the detector input.
    const first = await this.readPage(page, opts, clock.t0 + clock.decodeMs, tally);
    // A line crop is one line read whole: only its line vote may turn it; one turned a quarter is tall and narrow.
    const { width: w, height: h } = page.image;
    const shape = isLineCrop(w, h) ? 'line' : isLineCrop(h, w) && h > w ? 'tall-line' : 'page';
    const kept = await settleOrientation(first, shape, {
      readAt: (angle) => this.readTurned(page, angle, first, opts, tally),
      boxesAt: async (angle) => {
        const t = performance.now();
        const det = await detect(
          this.sessions.det,
          await this.turnedPage(page, angle),
          this.pack.pack.det,
          this.shapes,
        );
        tally.det += performance.now() - t;
        tally.ortMs += det.runMs;
        return det.boxes.length;
      },
    });
    const { ortMs, recSequences, recFallbacks, det, cls, rec } = tally;
    this.lastRun = { ortMs, recSequences, recFallbacks };
    const total = performance.now() - clock.t0;
    return {
      ...kept,
      ms: { decode: ms(clock.decodeMs), det: ms(det), cls: ms(cls), rec: ms(rec), total: ms(total) },
    };
  }

  /** The page turned upright from `angle`, with its detector input. */
  private turnedPage(page: Page, angle: Orientation): Promise<Page> {
    return pageOf(turnUpright(page.image, angle), this.pack.pack.det, (im, w, h) =>
      this.images.resize(im, w, h),
    );
  }

  /** A page read again turned upright from `angle`, told in the frame of the page as given, and its own vote. */
  private async readTurned(
    page: Page,
    angle: Orientation,
    first: OcrResult,
    opts: RecognizeOptions,
    tally: PageTally,
  ): Promise<{ again: OcrResult; vote: Orientation }> {
    const t = performance.now();
    const turnedUp = await this.turnedPage(page, angle);
    // A working copy smaller than its source keeps reporting in the source's pixels, turned upright too.
    const src = page.source;
    const quarter = angle === 90 || angle === 270;
    const upright = src
      ? { ...turnedUp, source: quarter ? { width: src.height, height: src.width } : src }
      : turnedUp;
    const reread = await this.readPage(upright, opts, t, tally);
    return { again: inTurnedFrame(reread, angle, first.width, first.height), vote: reread.orientation ?? 0 };
  }

  /**
   * One read of a decoded page, its lines laid out in the orientation the page was found in; its detection's time runs
   * from `t1`, and its costs are added to `tally` (the caller's result reports the page's whole work).
   */
  private async readPage(
    page: Page,
    opts: RecognizeOptions,
    t1: number,
    tally: PageTally,
  ): Promise<OcrResult> {
    const img = page.image;
    const { cls: clsP, rec: recP } = this.pack.pack;
    const lineCrop = isLineCrop(img.width, img.height);
    const det = lineCrop ? await this.detectPadded(img, linePad(img)) : await this.detectPage(page);
    let quads: Quad[] = splitRowOverlaps(det.boxes.map((b) => b.quad));
    if (quads.length === 0 && lineCrop) quads = [wholeQuad(img)];
    const t2 = performance.now();
    const crops = quads.map((q) => cropQuad(img, q));
    let clsMs = 0;
    tally.ortMs += det.runMs;
    const read = async (cs: readonly RgbImage[]) => {
      const { rec, recFallback } = this.sessions;
      const r = await readCrops(rec, cs, this.charset, recP, this.shapes, recFallback);
      tally.ortMs += r.runMs;
      tally.recSequences += r.sequences;
      tally.recFallbacks += r.fellBack;
      return r.texts;
    };
    const upright = await readUpright(crops, {
      read,
      upsideDown: async (cs) => {
        const t = performance.now();
        const o = await orientCrops(this.sessions.cls, cs, clsP, this.shapes);
        tally.ortMs += o.runMs;
        clsMs += performance.now() - t;
        return o.crops.map((c, i) => c !== cs[i]);
      },
      turn: rotate180,
    });
    const turned = new Set(upright.turnedAt);
    const unsure = await rereadUnsure(upright.texts, quads, {
      crop: (i, q) => (turned.has(i) ? rotate180(cropQuad(img, q)) : cropQuad(img, q)),
      read,
    });
    const ends = await rereadLineEnds(unsure.texts, quads, (i) => turned.has(i), {
      crop: (q) => cropQuad(img, q),
      read,
    });
    let texts = ends.texts;
    // A line crop with boxes, or any image on which detection found no text at all, is read whole too (whole-line.ts).
    if ((lineCrop && det.boxes.length > 0) || (!lineCrop && det.boxes.length === 0)) {
      const [whole] = await read([cropQuad(img, wholeQuad(img))]);
      if (whole && wholeReadWins(whole, texts)) {
        [quads, texts] = [[wholeQuad(img)], [whole]];
        turned.clear();
      }
    }
    const t4 = performance.now();
    const found: OcrLine[] = [];
    const spansAt: (readonly WordSpan[] | undefined)[] = [];
    const votes: LineVote[] = [];
    texts.forEach((read, i) => {
      const d = withLatinForms(read);
      const text = d.text.trim();
      if (text.length > 0 && d.score >= recP.dropScore) {
        const words = opts.words && d.words ? lineWords(quads[i]!, d.words, turned.has(i)) : undefined;
        found.push({ text, score: round4(d.score), box: quads[i]!, ...(words ? { words } : {}) });
        spansAt.push(turned.has(i) ? undefined : d.words);
        votes.push({ tall: isVertical(quads[i]!), turned: turned.has(i) });
      }
    });
    // Lines are laid out in the upright page's frame; their boxes stay in the (source) image's own.
    const orientation = pageOrientation(votes);
    const [w, h] = [page.source?.width ?? img.width, page.source?.height ?? img.height];
    const toUpright = (q: Quad) => uprightQuad(q, orientation, w, h);
    const sourced = toSource(found, page);
    const layout = pageLayout(
      sourced,
      (l) => toUpright(l.box),
      orientation === 0 ? gutterCut(sourced, spansAt, opts.words === true) : undefined,
    );
    const rows = layout.flatMap((b) => b.rows);
    const lines = rows.flat();
    tally.det += t2 - t1;
    tally.cls += clsMs;
    tally.rec += t4 - t2 - clsMs;
    const t5 = performance.now();
    return {
      ...(opts.file !== undefined ? { file: opts.file } : {}),
      width: w,
      height: h,
      lines,
      text: lines.map((l) => l.text).join('\n'),
      ...(opts.paragraphs
        ? { paragraphs: paragraphs(rows.map((r) => r.map((l) => ({ ...l, box: toUpright(l.box) })))) }
        : {}),
      orientation,
      blocks: resultBlocks(layout, (l) => l.box),
      // This read's own times; recognizePage() replaces them with the page's whole work.
      ms: { decode: 0, det: ms(t2 - t1), cls: ms(clsMs), rec: ms(t4 - t2 - clsMs), total: ms(t5 - t1) },
      provider: this.provider,
    };
  }

  /** Detection on a page, again at a finer scale where the text it found is small at the detector's input. */
  private async detectPage(page: Page): Promise<{ boxes: DetBox[]; runMs: number }> {
    const detP = this.pack.pack.det;
    const first = await detect(this.sessions.det, page, detP, this.shapes);
    const side = finerDetSide(
      page.image,
      page.detInput.width,
      first.boxes.map((b) => b.quad),
    );
    if (side === undefined) return first;
    const fine = await pageOf(page.image, { limitSideLen: side, limitType: 'max' }, (im, w, h) =>
      this.images.resize(im, w, h),
    );
    const again = await detect(this.sessions.det, fine, detP, this.shapes);
    return { boxes: again.boxes, runMs: first.runMs + again.runMs };
  }

  /** Detection on a line crop with its edges padded (whole-line.ts), boxes told in the crop's own pixels. */
  private async detectPadded(img: RgbImage, pad: number) {
    const padded = await pageOf(padEdges(img, pad), this.pack.pack.det, (im, w, h) =>
      this.images.resize(im, w, h),
    );
    const det = await detect(this.sessions.det, padded, this.pack.pack.det, this.shapes);
    return { ...det, boxes: det.boxes.map((b) => ({ ...b, quad: unpadQuad(b.quad, pad, img) })) };
  }

  /** Frees the native sessions. */
  async release(): Promise<void> {
    await releaseSessions(this.sessions);
  }
}

/** Lines found on a page's working copy, with their boxes in the source image's pixels. */
function toSource(lines: OcrLine[], page: Page): OcrLine[] {
  const { source, image } = page;
  if (!source) return lines;
  const sx = source.width / image.width;
  const sy = source.height / image.height;
  const at = ([x, y]: Point): Point => [Math.round(x * sx), Math.round(y * sy)];
  const quad = (q: Quad): Quad => [at(q[0]), at(q[1]), at(q[2]), at(q[3])];
  return lines.map((l) => ({
    ...l,
    box: quad(l.box),
    ...(l.words ? { words: l.words.map((w) => ({ ...w, box: quad(w.box) })) } : {}),
  }));
}

const ms = (v: number) => Math.round(v * 10) / 10;
const round4 = (v: number) => Math.round(v * 1e4) / 1e4;
