/**
 * `npx tsx test/bench/headings-synth.ts [--code]`: one line of text rendered in six fonts at 14–120 px (180 images,
 * made here, none from the eval set) and read by the pipeline; prints every read that differs from the text and the
 * count per size. It checks word spaces and split boxes on type the dev set barely has (headings, large screen text),
 * so a rule tuned on the dev receipts can be seen to carry (docs/layout.md, "Word gaps"). `--code` reads code and
 * prose full of narrow letters in four monospace faces at 12–28 px instead (220 images), where a space rule must not
 * split words at the wide cells around "i", "l" or "(". `--numbers` reads dates, phone numbers and long figures in five
 * proportional and two monospace faces at 12–28 px (350 images), where a space between two digits must be found and
 * none put inside a number. The fonts must be installed (fc-list): librsvg falls back to another font silently.
 */
import { parseScriptArgsOrExit } from '../../app/cli/script-args';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { headingImage } from '../helpers/heading-image';

const USAGE = 'usage: npx tsx test/bench/headings-synth.ts [--code | --numbers]';
const { values } = parseScriptArgsOrExit(USAGE, {
  code: { type: 'boolean' },
  numbers: { type: 'boolean' },
});

const TEXTS = [
  'Lantern OCR',
  'Annual Report 2026',
  'The quick brown fox jumps',
  'TOTAL AMOUNT DUE',
  'Welcome to Kuala Lumpur',
  'Mind the gap, please',
];
const FONTS = [
  'DejaVu Sans',
  'Liberation Serif',
  'Nimbus Sans Narrow',
  'DejaVu Sans Mono',
  'C059',
  'Liberation Sans',
];
const SIZES = [14, 24, 40, 72, 120];
const CODE_TEXTS = [
  'the filename is still valid',
  'fill in the list of files',
  'lilt billing utility',
  'Illinois will fill it',
  'list lint tilt fifth',
  'git diff --stat HEAD',
  'int i = strlen(filename);',
  'print("Hello world")',
  'if (fi) { tail -f file.log; }',
  'TOTAL AMOUNT DUE',
  'Tax Invoice No. 1234',
];
const CODE_FONTS = ['Nimbus Mono PS', 'Liberation Mono', 'DejaVu Sans Mono', 'Noto Sans Mono'];
const CODE_SIZES = [12, 14, 16, 20, 28];
const NUMBER_TEXTS = [
  '28/06/2018 3:11:35 PM',
  'Tel 03-6258 7191',
  'GST ID 000381399040',
  'Ref 11900 Qty 12',
  'Call 1800 88 1231',
  'Invoice 0002300417000116',
  'Total 1,234.50 Paid 11.00',
  '2 x 4.50 = 9.00',
  'Order 4711 of 2026-12-06',
  'Codes 111 222 1010',
];
const NUMBER_FONTS = [
  'DejaVu Sans',
  'Liberation Sans',
  'Liberation Serif',
  'Nimbus Sans Narrow',
  'C059',
  'DejaVu Sans Mono',
  'Liberation Mono',
];
const [texts, fonts, sizes] = values.code
  ? [CODE_TEXTS, CODE_FONTS, CODE_SIZES]
  : values.numbers
    ? [NUMBER_TEXTS, NUMBER_FONTS, CODE_SIZES]
    : [TEXTS, FONTS, SIZES];

const pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
const wrong = new Map<number, number>();
let total = 0;
for (const size of sizes)
  for (const font of fonts)
    for (const text of texts) {
      const got = (await pipeline.recognize(await headingImage(text, font, size))).text
        .replace(/\s+/gu, ' ')
        .trim();
      total++;
      if (got === text) continue;
      wrong.set(size, (wrong.get(size) ?? 0) + 1);
      console.log(`${size} px ${font}: ${JSON.stringify(got)} (printed ${JSON.stringify(text)})`);
    }
const bySize = sizes.map((s) => `${s} px ${wrong.get(s) ?? 0}`).join(', ');
console.log(`${[...wrong.values()].reduce((a, b) => a + b, 0)} of ${total} read otherwise (${bySize})`);
await pipeline.release();
