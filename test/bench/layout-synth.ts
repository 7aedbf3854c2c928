/**
 * Synthetic multi-column pages for the layout rules (issue #26): renders the pages of layout-synth-pages.ts in Chromium
 * at scan-like sizes, reads each with Lantern OCR in process and with native Tesseract 5 (`--psm 3`, its own layout
 * analysis) as the reference, and prints CER per page with the share that is reading order (CER minus the CER of the
 * same words sorted). Not part of npm test.
 *
 *   npx tsx test/bench/layout-synth.ts [--out DIR] [--only NAME] [--check | --verify] [--dpi N] [--reread]
 *
 * `--check` reads the second set (layout-synth-pages.ts' CHECK_PAGES), `--verify` the third (VERIFY_PAGES).
 * `--reread` reads the pages an earlier run left in DIR again (no Chromium; Tesseract's stored text), to try a
 * change to the pipeline on the same pixels in seconds instead of minutes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright';
import { cer, cerNoCase, charF1, normalizeText } from '../../app/eval/metrics';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { CHECK_PAGES, SYNTH_PAGES, VERIFY_PAGES, type SynthPage } from './layout-synth-pages';

/** A page's share of CER this high or more, over the CER of its words sorted, is put on reading order. */
const ORDER_FLAG = 0.02;

/** CSS pixels per inch: pages are laid out on paper of the screenshot's size at this density, then scaled. */
const CSS_DPI = 96;
/** The paper the pages are laid out on, by pixel width: letter at 300 or 200 dpi, A4 at 150 dpi. */
const DPI_BY_WIDTH: Readonly<Record<number, number>> = { 2550: 300, 1700: 200, 1240: 150 };

const { values: args } = parseArgs({
  options: {
    out: { type: 'string' },
    only: { type: 'string' },
    check: { type: 'boolean' },
    verify: { type: 'boolean' },
    dpi: { type: 'string' },
    reread: { type: 'boolean' },
  },
});
/** `--dpi N` renders every page on its paper at N dpi instead (the same layout in other pixels). */
const dpi = args.dpi === undefined ? undefined : Number(args.dpi);
if (dpi !== undefined && !(dpi >= 72 && dpi <= 600)) throw new Error('--dpi takes 72 to 600');
const outDir = path.resolve(args.out ?? '/tmp/layout-synth');
mkdirSync(outDir, { recursive: true });
const pages = (args.verify ? VERIFY_PAGES : args.check ? CHECK_PAGES : SYNTH_PAGES).filter(
  (p) => !args.only || p.name.includes(args.only),
);

/** The words of a text sorted, so that a CER on them leaves out the order. */
const sortedWords = (s: string) => normalizeText(s).split(' ').sort().join(' ');

/** Renders one page to PNG; fails when the text overflows the paper (its ground truth would then be wrong). */
async function render(browser: Browser, p: SynthPage): Promise<Buffer> {
  const paper = (DPI_BY_WIDTH[p.width] ?? 200) / CSS_DPI;
  const ctx = await browser.newContext({
    viewport: { width: Math.round(p.width / paper), height: Math.round(p.height / paper) },
    deviceScaleFactor: (dpi ?? paper * CSS_DPI) / CSS_DPI,
  });
  const tab = await ctx.newPage();
  await tab.setContent(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body style="${p.style}">${p.html}</body></html>`,
  );
  await tab.evaluate(() => document.fonts.ready);
  // Offsets leave out the body's transform: the page's own extent before a slight turn.
  const fits = await tab.evaluate(() => {
    const top = document.body.firstElementChild as HTMLElement;
    return top.offsetTop + top.offsetHeight <= innerHeight && top.offsetLeft + top.offsetWidth <= innerWidth;
  });
  if (!fits) throw new Error(`${p.name}: the text overflows the page`);
  const png = await tab.screenshot({ type: 'png' });
  await ctx.close();
  return png;
}

/** Native Tesseract's text of an image file with its default page layout analysis. */
function tesseract(file: string): string {
  const r = spawnSync('tesseract', [file, '-', '--psm', '3', '-l', 'eng'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tesseract: ${r.stderr}`);
  return r.stdout;
}

interface Row {
  readonly name: string;
  readonly lantern: number;
  readonly lanternCi: number;
  readonly lanternOrder: number;
  readonly f1: number;
  readonly tess: number;
  readonly tessOrder: number;
}

const browser = args.reread ? undefined : await chromium.launch({ executablePath: '/usr/bin/chromium' });
const pipe = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
const rows: Row[] = [];
try {
  for (const p of pages) {
    const file = path.join(outDir, `${p.name}.png`);
    if (browser) {
      writeFileSync(file, await render(browser, p));
      writeFileSync(path.join(outDir, `${p.name}.gt.txt`), p.truth);
    }
    const r = await pipe.recognize(new Uint8Array(readFileSync(file)));
    const blocks = (r.blocks ?? []).map(
      (b) => `[${b.kind}] ${b.lines.map((i) => r.lines[i]!.text).join(' / ')}`,
    );
    writeFileSync(
      path.join(outDir, `${p.name}.lantern.txt`),
      `${r.text}\n\n--- blocks ---\n${blocks.join('\n')}\n`,
    );
    const tessFile = path.join(outDir, `${p.name}.tesseract.txt`);
    const stored = !browser && existsSync(tessFile);
    const t = stored ? readFileSync(tessFile, 'utf8') : tesseract(file);
    if (!stored) writeFileSync(tessFile, t);
    const lantern = cer(r.text, p.truth);
    const tess = cer(t, p.truth);
    rows.push({
      name: p.name,
      lantern,
      lanternCi: cerNoCase(r.text, p.truth),
      lanternOrder: lantern - cer(sortedWords(r.text), sortedWords(p.truth)),
      f1: charF1(r.text, p.truth),
      tess,
      tessOrder: tess - cer(sortedWords(t), sortedWords(p.truth)),
    });
    console.error(`${p.name}: Lantern ${lantern.toFixed(3)}, Tesseract ${tess.toFixed(3)}`);
  }
} finally {
  await browser?.close();
  await pipe.release();
}

const f = (x: number) => x.toFixed(3);
const mean = (k: keyof Omit<Row, 'name'>) => rows.reduce((a, r) => a + r[k], 0) / Math.max(1, rows.length);
console.log(
  '| page | Lantern CER | CER ci | char F1 | order share | order failed | Tesseract CER | order share |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows)
  console.log(
    `| ${r.name} | ${f(r.lantern)} | ${f(r.lanternCi)} | ${f(r.f1)} | ${f(r.lanternOrder)} | ` +
      `${r.lanternOrder >= ORDER_FLAG ? 'yes' : 'no'} | ${f(r.tess)} | ${f(r.tessOrder)} |`,
  );
console.log(
  `| mean | ${f(mean('lantern'))} | ${f(mean('lanternCi'))} | ${f(mean('f1'))} | ${f(mean('lanternOrder'))} | ` +
    `${rows.filter((r) => r.lanternOrder >= ORDER_FLAG).length} | ${f(mean('tess'))} | ${f(mean('tessOrder'))} |`,
);
console.error(`images and texts in ${outDir}`);
