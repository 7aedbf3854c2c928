/**
 * `npx tsx test/bench/screens-synth.ts [--out DIR]`: whole-screen screenshots of interface-sized English text
 * (12–16 px, two fonts, 1366×768 to 2560×1440), rendered in Debian's Chromium and read by the pipeline; prints each
 * page's CER against the words Chromium laid out inside the view, and the median box height at the detector's input
 * that fine-scale.ts judges by. The dev set's screenshots are at most 2556 px wide with large terminal text; this
 * checks the screens a tray capture of a full desktop gives (docs/pipeline.md, "Small text on large screens").
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright';
import { parseScriptArgsOrExit } from '../../app/cli/script-args';
import { cer } from '../../app/eval/metrics';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';

const USAGE = 'usage: npx tsx test/bench/screens-synth.ts [--out DIR]';
const { values } = parseScriptArgsOrExit(USAGE, { out: { type: 'string' } });
const SCREENS = [
  [1366, 768],
  [1920, 1080],
  [2560, 1440],
] as const;
const SIZES = [12, 13, 14, 16];
const FONTS = ['DejaVu Sans', 'Liberation Serif'];

/** Plain English prose that ships with Debian (the Apache licence's terms), a paragraph per element. */
const prose = readFileSync('/usr/share/common-licenses/Apache-2.0', 'utf8')
  .split(/\n\s*\n/u)
  .slice(8, 30)
  .map((p) => p.replace(/\s+/gu, ' ').trim().replace(/&/gu, '&amp;').replace(/</gu, '&lt;'));

/** The words Chromium laid out wholly inside the text box, in order: the page's ground truth. */
function visibleWords(): string {
  const el = document.getElementById('t')!;
  const box = el.getBoundingClientRect();
  const out: string[] = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent ?? '';
    for (const m of text.matchAll(/\S+/gu)) {
      const r = document.createRange();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      const b = r.getBoundingClientRect();
      if (b.width > 0 && b.bottom <= box.bottom && b.right <= box.right + 1) out.push(m[0]);
    }
  }
  return out.join(' ');
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
if (values.out) mkdirSync(values.out, { recursive: true });
console.log('| screen | type | CER | lines | ms |');
console.log('| --- | --- | --- | --- | --- |');
for (const [width, height] of SCREENS)
  for (const size of SIZES)
    for (const font of FONTS) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.setContent(
        `<body style="margin:0;font:${size}px '${font}'"><div id="t" style="position:absolute;left:40px;top:20px;` +
          `width:900px;height:${height - 40}px;overflow:hidden">${prose.map((p) => `<p>${p}</p>`).join('')}</div></body>`,
      );
      const truth = await page.evaluate(visibleWords);
      const png = await page.screenshot();
      await page.close();
      if (values.out)
        writeFileSync(path.join(values.out, `${width}-${size}-${font.replace(/ /gu, '')}.png`), png);
      const r = await pipeline.recognize(png);
      console.log(
        `| ${width}×${height} | ${size} px ${font} | ${cer(r.text, truth).toFixed(3)} | ${r.lines.length} | ${r.ms.total} |`,
      );
    }
await browser.close();
await pipeline.release();
