import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import {
  parsePerturbation,
  perturbImage,
  unperturbPrediction,
  type Perturbation,
} from '../../app/eval/perturb';
import type { Quad } from '../../app/ocr/types';

/** A white 400×200 image with a black block at x 60–140, y 40–80 (a word where the ground truth says it is). */
async function page(): Promise<Uint8Array> {
  const block = await sharp({ create: { width: 80, height: 40, channels: 3, background: '#000000' } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 400, height: 200, channels: 3, background: '#ffffff' } })
    .composite([{ input: block, left: 60, top: 40 }])
    .png()
    .toBuffer();
}

/** The box around the darkest pixels of an encoded image (the block, whatever the change did to it), as a quad. */
async function darkBox(bytes: Uint8Array): Promise<Quad> {
  const { data, info } = await sharp(bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
  const bar = data.reduce((m, v) => Math.min(m, v), 255) + 40;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = 0; y < info.height; y++)
    for (let x = 0; x < info.width; x++)
      if (data[y * info.width + x]! < bar) {
        [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x + 1), Math.max(y1, y + 1)];
      }
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

const centre = (q: Quad): [number, number] => [(q[0][0] + q[2][0]) / 2, (q[0][1] + q[2][1]) / 2];

test('boxes found on a perturbed image map back onto the same text in the original', async () => {
  const bytes = await page();
  for (const spec of [
    'tilt:8',
    'tilt:-3',
    'scale:0.6',
    'scale:1.5',
    'trim:0.1,0.15',
    'embed:2.5',
    'desk:2.5',
    'jpeg:30',
    'contrast:0.35',
  ]) {
    const p = parsePerturbation(spec)!;
    const changed = await perturbImage(bytes, p);
    assert.equal(changed.srcWidth, 400);
    const found = await darkBox(changed.bytes);
    const [back] = unperturbPrediction({ text: 'x', lines: [{ text: 'x', box: found }] }, p, changed).lines;
    const [cx, cy] = centre(back!.box!);
    assert.ok(Math.abs(cx - 100) < 3 && Math.abs(cy - 60) < 3, `${spec}: centre ${cx}, ${cy}`);
  }
});

test('an inverted image has light text on dark, and its boxes stay where they were', async () => {
  const p = parsePerturbation('invert')!;
  const changed = await perturbImage(await page(), p);
  const { data } = await sharp(changed.bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
  assert.equal(data[0], 0);
  assert.equal(data[60 * 400 + 100], 255);
});

test('perturbation specs are parsed strictly', () => {
  const ok: Record<string, Perturbation> = {
    'tilt:3': { kind: 'tilt', degrees: 3 },
    'tilt:-6': { kind: 'tilt', degrees: -6 },
    'scale:0.6': { kind: 'scale', factor: 0.6 },
    'trim:0.06': { kind: 'trim', x: 0.06, y: 0 },
    'trim:0,0.1': { kind: 'trim', x: 0, y: 0.1 },
    'embed:3': { kind: 'embed', factor: 3 },
    'desk:2.5': { kind: 'desk', factor: 2.5 },
    'jpeg:30': { kind: 'jpeg', quality: 30 },
    invert: { kind: 'invert' },
    'contrast:0.35': { kind: 'contrast', factor: 0.35 },
  };
  for (const [spec, p] of Object.entries(ok)) assert.deepEqual(parsePerturbation(spec), p);
  for (const bad of [
    'tilt',
    'tilt:',
    'tilt:90',
    'scale:0',
    'jpeg:0',
    'jpeg:2.5',
    'invert:1',
    'contrast:2',
    'blur:1',
  ])
    assert.equal(parsePerturbation(bad), undefined, bad);
});
