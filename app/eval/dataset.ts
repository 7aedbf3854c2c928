/** Reads an evaluation folder: sources with images/ and gt/<name>.txt (plus optional boxes with ignore regions). */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Point } from '../ocr/types';
import type { BoxedLine } from './metrics';

/** One image with its ground truth. */
export interface EvalItem {
  readonly source: string;
  readonly image: string;
  readonly gtLines: readonly string[];
  /** Do-not-care regions: predictions centred inside them are not scored. */
  readonly ignore: readonly (readonly Point[])[];
  /** The scored ground-truth lines with their boxes, where the source has boxes (for the order-free CER). */
  readonly boxed?: readonly BoxedLine[];
}

/** A source folder and whether it holds single-line crops (scored by exact match). */
export interface EvalSource {
  readonly name: string;
  readonly crops: boolean;
  readonly items: readonly EvalItem[];
}

const IMAGE_EXT = /\.(png|jpe?g|webp|tiff?|gif|avif)$/i;

async function readSource(dir: string): Promise<EvalSource> {
  const name = path.basename(dir);
  const files = (await readdir(path.join(dir, 'images'))).filter((f) => IMAGE_EXT.test(f)).sort();
  const items: EvalItem[] = [];
  for (const f of files) {
    const base = f.replace(IMAGE_EXT, '');
    const gtFile = path.join(dir, 'gt', `${base}.txt`);
    if (!existsSync(gtFile)) continue;
    const gtLines = (await readFile(gtFile, 'utf8')).split('\n').filter((l) => l.trim().length > 0);
    const boxesFile = path.join(dir, 'gt', `${base}.boxes.json`);
    let ignore: Point[][] = [];
    let boxed: BoxedLine[] | undefined;
    if (existsSync(boxesFile)) {
      const boxes = JSON.parse(await readFile(boxesFile, 'utf8')) as {
        lines: { points: Point[]; ignore: boolean; text: string }[];
      };
      ignore = boxes.lines.filter((l) => l.ignore).map((l) => l.points);
      boxed = boxes.lines.filter((l) => !l.ignore).map((l) => ({ text: l.text, points: l.points }));
    }
    items.push({
      source: name,
      image: path.join(dir, 'images', f),
      gtLines,
      ignore,
      ...(boxed ? { boxed } : {}),
    });
  }
  return { name, crops: /crop/i.test(name), items };
}

/** Reads one source folder, or every source folder under a root. */
export async function readEvalDir(dir: string): Promise<EvalSource[]> {
  if (existsSync(path.join(dir, 'images'))) return [await readSource(dir)];
  const subs = (await readdir(dir, { withFileTypes: true })).filter(
    (d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'images')),
  );
  return Promise.all(subs.map((d) => readSource(path.join(dir, d.name))));
}

/** Whether a point lies inside a polygon (ray casting). */
export function insidePolygon(poly: readonly Point[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
