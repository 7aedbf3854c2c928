/**
 * Native Tesseract 5 (Debian `tesseract-ocr`) as a reference tool: the command-line program with its own page layout
 * analysis, run once per image, `eng` on English sources and `chi_sim+eng` on Chinese ones; crop sources (one line
 * each, as dataset.ts tells them apart) are read as a single line (`--psm 7`), pages with its default layout analysis.
 */
import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { rectQuad, toolVersion, type OcrAdapter, type ToolPrediction } from './adapter';

/** Sources whose text is Chinese (Tesseract needs `chi_sim` for them). */
export const CHINESE_SOURCES: readonly string[] = ['rects', 'screens_zh', 'lpr_plate_crops'];

let probed: readonly string[] | null | undefined;

/** The languages the installed `tesseract` reads (`--list-langs`, probed once), or null when it is not installed. */
export function nativeTesseractLangs(): readonly string[] | null {
  if (probed !== undefined) return probed;
  const l = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  probed =
    l.status === 0
      ? l.stdout
          .split('\n')
          .slice(1)
          .map((s) => s.trim())
          .filter(Boolean)
      : null;
  return probed;
}

/** The source folder an evaluation image lives in (`<source>/images/<name>`). */
const sourceOf = (file: string) => path.basename(path.dirname(path.dirname(file)));

/** One TSV word row of Tesseract's output, grouped into its line. */
interface Word {
  readonly key: string;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly text: string;
}

/** Tesseract's TSV (level 5 = word rows) as lines in its own reading order, each with its bounding box. */
export function linesOfTsv(tsv: string): ToolPrediction['lines'] {
  const words: Word[] = [];
  for (const row of tsv.split('\n').slice(1)) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const text = f.slice(11).join('\t').trim();
    if (text === '') continue;
    const [x, y, w, h] = [6, 7, 8, 9].map((i) => Number(f[i]));
    words.push({ key: `${f[2]}.${f[3]}.${f[4]}`, x0: x!, y0: y!, x1: x! + w!, y1: y! + h!, text });
  }
  const lines = new Map<string, Word[]>();
  for (const w of words) lines.set(w.key, [...(lines.get(w.key) ?? []), w]);
  return [...lines.values()].map((ws) => ({
    text: ws.map((w) => w.text).join(' '),
    box: rectQuad(
      Math.min(...ws.map((w) => w.x0)),
      Math.min(...ws.map((w) => w.y0)),
      Math.max(...ws.map((w) => w.x1)),
      Math.max(...ws.map((w) => w.y1)),
    ),
  }));
}

/** Native Tesseract as an adapter (one process per image, the image on stdin). */
export function nativeTesseractAdapter(): OcrAdapter {
  return {
    name: 'Tesseract 5 (native)',
    version: toolVersion('tesseract5'),
    start() {
      if (!nativeTesseractLangs())
        return Promise.reject(new Error('tesseract is not installed (Debian: tesseract-ocr)'));
      return Promise.resolve();
    },
    recognize(bytes, file) {
      const source = sourceOf(file);
      const lang = CHINESE_SOURCES.includes(source) ? 'chi_sim+eng' : 'eng';
      const psm = /crop/i.test(source) ? '7' : '3';
      return new Promise((resolve, reject) => {
        const child = execFile(
          'tesseract',
          ['stdin', 'stdout', '-l', lang, '--psm', psm, 'tsv'],
          { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, OMP_THREAD_LIMIT: '1' } },
          (err, stdout) => {
            if (err) return reject(err as Error);
            const lines = linesOfTsv(stdout);
            resolve({ lines, text: lines.map((l) => l.text).join('\n') });
          },
        );
        child.stdin?.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      });
    },
    stop: () => Promise.resolve(),
  };
}
