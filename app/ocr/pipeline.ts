/** The OCR pipeline over loaded sessions: decode → detect → crop → orient → recognise → re-read unsure → order lines. */
import { imageTruncated } from '../contracts/result-warnings';
import { loadPack, type LoadedPack } from '../models/load';
import { orientCrops } from './cls';
import { ctcCharset } from './ctc';
import { detect } from './det';
import { splitRowOverlaps } from './row-overlaps';
import { localImageOps, type ImageOps } from './image-ops';
import { readLines } from './line-reads';
import { readCrops } from './pack-crops';
import { pageLines } from './page-lines';
import { negated, readNegated } from './text-polarity';
import { detectorPage, detectPadded, detectPage, type Detector } from './page-detect';
import { alsoReadWhole, linePad, wholeQuad } from './whole-line';
import { settleOrientation } from './turn-reads';
import { inTurnedFrame, turnUpright, type Orientation } from './orientation';
import { cacheFolder, createSessions, releaseSessions, type SessionOptions, type Sessions } from './sessions';
import { defaultShapeMode, shapePolicy, type ShapeMode, type ShapePolicy } from './shape-buckets';
import type { OcrResult, Page, RgbImage } from './types';

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
  private readonly detector: Detector;

  private constructor(
    readonly pack: LoadedPack,
    readonly sessions: Sessions,
    private readonly images: ImageOps,
    shapes: ShapeMode | undefined,
  ) {
    this.charset = ctcCharset(pack.dictionary, pack.pack.rec.useSpaceChar);
    const mode = shapes ?? defaultShapeMode(sessions.provider.provider);
    this.shapes = shapePolicy(mode, pack.pack.det, pack.pack.rec);
    this.detector = {
      session: sessions.det,
      params: pack.pack.det,
      shapes: this.shapes,
      resize: (im, w, h) => images.resize(im, w, h),
    };
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
    const page = await detectorPage(this.detector, img);
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
    const { read: first, page: seen } = await this.readPage(page, opts, clock.t0 + clock.decodeMs, tally);
    // A crop taller than wide is a line crop turned a quarter (read from both); a line crop turns by vote, or unread.
    const { width: w, height: h } = page.image;
    const shape = isLineCrop(h, w) && h > w ? 'tall-line' : isLineCrop(w, h) ? 'line' : 'page';
    const kept = await settleOrientation(first, shape, {
      readAt: (angle) => this.readTurned(seen, angle, first, opts, tally),
      boxesAt: async (angle) => {
        const t = performance.now();
        const det = await detect(
          this.sessions.det,
          await this.turnedPage(seen, angle),
          this.pack.pack.det,
          this.shapes,
        );
        tally.det += performance.now() - t;
        tally.ortMs += det.runMs;
        return det.boxes.length;
      },
      wholeUpsideDown: async () => {
        const t = performance.now();
        const o = await orientCrops(this.sessions.cls, [seen.image], this.pack.pack.cls, this.shapes);
        tally.cls += performance.now() - t;
        tally.ortMs += o.runMs;
        return o.crops[0] !== seen.image;
      },
    });
    const { ortMs, recSequences, recFallbacks, det, cls, rec } = tally;
    this.lastRun = { ortMs, recSequences, recFallbacks };
    const total = performance.now() - clock.t0;
    return {
      ...kept,
      ms: { decode: ms(clock.decodeMs), det: ms(det), cls: ms(cls), rec: ms(rec), total: ms(total) },
      ...(page.truncated ? { warnings: [imageTruncated()] } : {}),
    };
  }

  /** The page turned upright from `angle`, with its detector input. */
  private turnedPage(page: Page, angle: Orientation): Promise<Page> {
    return detectorPage(this.detector, turnUpright(page.image, angle));
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
    const { read: reread } = await this.readPage(upright, opts, t, tally);
    return { again: inTurnedFrame(reread, angle, first.width, first.height), vote: reread.orientation ?? 0 };
  }

  /**
   * One read of a decoded page, its lines laid out in the orientation the page was found in, and the page as read: the
   * page negated where its text is light and the detector broke its lines apart (text-polarity.ts). Its detection's time
   * runs from `t1`, and its costs are added to `tally` (the caller's result reports the page's whole work).
   */
  private async readPage(
    page: Page,
    opts: RecognizeOptions,
    t1: number,
    tally: PageTally,
  ): Promise<{ read: OcrResult; page: Page }> {
    const img = page.image;
    const { cls: clsP, rec: recP } = this.pack.pack;
    const lineCrop = isLineCrop(img.width, img.height);
    const det = lineCrop
      ? await detectPadded(this.detector, img, linePad(img))
      : await detectPage(this.detector, page);
    if (
      !lineCrop &&
      readNegated(
        img,
        det.boxes.map((b) => b.quad),
      )
    ) {
      // Negated, the text is dark: the same test on it is false, so this happens once.
      tally.ortMs += det.runMs;
      return this.readPage(negated(page), opts, t1, tally);
    }
    const split = splitRowOverlaps(det.boxes.map((b) => b.quad));
    const quads = split.length === 0 && lineCrop ? [wholeQuad(img)] : split;
    const t2 = performance.now();
    let clsMs = 0;
    tally.ortMs += det.runMs;
    const reads = await readLines(img, quads, alsoReadWhole(img, lineCrop, det.boxes.length), {
      read: async (cs) => {
        const { rec, recFallback } = this.sessions;
        const r = await readCrops(rec, cs, this.charset, recP, this.shapes, recFallback);
        tally.ortMs += r.runMs;
        tally.recSequences += r.sequences;
        tally.recFallbacks += r.fellBack;
        return r.texts;
      },
      upsideDown: async (cs) => {
        const t = performance.now();
        const o = await orientCrops(this.sessions.cls, cs, clsP, this.shapes);
        tally.ortMs += o.runMs;
        clsMs += performance.now() - t;
        return o.crops.map((c, i) => c !== cs[i]);
      },
    });
    const t4 = performance.now();
    const laid = pageLines(page, reads, opts, recP.dropScore);
    tally.det += t2 - t1;
    tally.cls += clsMs;
    tally.rec += t4 - t2 - clsMs;
    const t5 = performance.now();
    const read: OcrResult = {
      ...(opts.file !== undefined ? { file: opts.file } : {}),
      ...laid,
      // This read's own times; recognizePage() replaces them with the page's whole work.
      ms: { decode: 0, det: ms(t2 - t1), cls: ms(clsMs), rec: ms(t4 - t2 - clsMs), total: ms(t5 - t1) },
      provider: this.provider,
    };
    return { read, page };
  }

  /** Frees the native sessions. */
  async release(): Promise<void> {
    await releaseSessions(this.sessions);
  }
}

const ms = (v: number) => Math.round(v * 10) / 10;
