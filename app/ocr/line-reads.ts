/**
 * The recognition steps over a page's boxes, in order: read every crop the right way up, read unsure lines again with
 * other margins and cut line ends again, and where detection may have cut or missed the text, read the image whole.
 */
import type { Decoded } from './ctc';
import { cropQuad, rotate180 } from './crop';
import { rereadLineEnds } from './line-end';
import { rereadUnsure } from './margin-reread';
import type { Quad, RgbImage } from './types';
import { readUpright } from './upright-read';
import { wholeQuad, wholeReadWins } from './whole-line';

/** The models' steps the reads need: read crops, tell which crops are upside down. */
export interface LineReaders {
  readonly read: (crops: readonly RgbImage[]) => Promise<Decoded[]>;
  readonly upsideDown: (crops: readonly RgbImage[]) => Promise<boolean[]>;
}

/** Each box's kept read; `turned` holds the boxes whose upside-down read was kept. */
export interface LineReads {
  readonly quads: readonly Quad[];
  readonly texts: readonly Decoded[];
  readonly turned: ReadonlySet<number>;
}

/** Reads the boxes `quads` found on `img`; with `readWhole` (whole-line.ts alsoReadWhole) the whole image too. */
export async function readLines(
  img: RgbImage,
  quads: readonly Quad[],
  readWhole: boolean,
  readers: LineReaders,
): Promise<LineReads> {
  const { read } = readers;
  const upright = await readUpright(
    quads.map((q) => cropQuad(img, q)),
    { ...readers, turn: rotate180 },
  );
  const turned = new Set(upright.turnedAt);
  const unsure = await rereadUnsure(upright.texts, quads, {
    crop: (i, q) => (turned.has(i) ? rotate180(cropQuad(img, q)) : cropQuad(img, q)),
    read,
  });
  const ends = await rereadLineEnds(unsure.texts, quads, (i) => turned.has(i), {
    crop: (q) => cropQuad(img, q),
    read,
  });
  if (readWhole) {
    const [whole] = await read([cropQuad(img, wholeQuad(img))]);
    if (whole && wholeReadWins(whole, ends.texts))
      return { quads: [wholeQuad(img)], texts: [whole], turned: new Set() };
  }
  return { quads, texts: ends.texts, turned };
}
