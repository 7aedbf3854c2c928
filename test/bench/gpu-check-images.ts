/** The few eval images the GPU check runs (and scripts/gpu-pack.sh carries): small enough to travel with the runtime. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** One image of the check: its source folder under the eval dir and its file name. */
export interface CheckImage {
  readonly source: string;
  readonly file: string;
}

/** Fresh starts' images, one per start: every page and crop kind, then a second photo (eight in all). */
const FIRST_PICKS: readonly (readonly [string, number])[] = [
  ['icdar2015', 0],
  ['sroie', 0],
  ['tesseract_testing', 0],
  ['rects', 0],
  ['screens_zh', 0],
  ['ic15_word_crops', 0],
  ['lpr_plate_crops', 0],
  ['icdar2015', 1],
];

/** Warm pages: the first n of each page source, 24 in all. */
const PAGE_PICKS: readonly (readonly [string, number])[] = [
  ['sroie', 8],
  ['icdar2015', 6],
  ['tesseract_testing', 3],
  ['rects', 3],
  ['screens_zh', 4],
];

const IMAGE = /\.(png|jpe?g)$/i;

function sorted(evalDir: string, source: string): string[] {
  return readdirSync(path.join(evalDir, source, 'images'))
    .filter((f) => IMAGE.test(f))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** The check's images under `evalDir`: `first` for the fresh starts, `pages` for the warm comparison. */
export function checkImages(evalDir: string): { first: CheckImage[]; pages: CheckImage[] } {
  const first = FIRST_PICKS.flatMap(([source, i]) => {
    const f = sorted(evalDir, source)[i];
    return f ? [{ source, file: f }] : [];
  });
  const pages = PAGE_PICKS.flatMap(([source, n]) =>
    sorted(evalDir, source)
      .slice(0, n)
      .map((file) => ({ source, file })),
  );
  return { first, pages };
}

/** An image's path under `evalDir`. */
export function imagePath(evalDir: string, img: CheckImage): string {
  return path.join(evalDir, img.source, 'images', img.file);
}
