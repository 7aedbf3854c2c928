import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readEvalDir } from '../../app/eval/dataset';
import { evaluate, type Prediction } from '../../app/eval/evaluate';
import { orderFreeTable } from '../../app/eval/report';
import type { Quad } from '../../app/ocr/types';

const box = (x0: number, y0: number, x1: number, y1: number): Quad => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

/** A page source whose one image's ground truth lists a two-column table column by column, with boxes. */
async function listedByColumns(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lantern-eval-order-'));
  const src = path.join(dir, 'receipts');
  await mkdir(path.join(src, 'images'), { recursive: true });
  await mkdir(path.join(src, 'gt'), { recursive: true });
  await writeFile(path.join(src, 'images', 'r1.png'), 'not read: the recogniser below answers');
  const lines = [
    { text: 'TOTAL', points: box(10, 100, 80, 120), ignore: false },
    { text: 'CASH', points: box(10, 130, 70, 150), ignore: false },
    { text: 'RM 12.50', points: box(300, 100, 400, 120), ignore: false },
    { text: 'RM 15.00', points: box(300, 130, 400, 150), ignore: false },
    { text: '###', points: box(10, 300, 200, 320), ignore: true },
  ];
  await writeFile(path.join(src, 'gt', 'r1.txt'), 'TOTAL\nCASH\nRM 12.50\nRM 15.00\n');
  await writeFile(path.join(src, 'gt', 'r1.boxes.json'), JSON.stringify({ image: 'r1.png', lines }));
  return dir;
}

test('the eval scores pages with boxes in one order too, beside the CER as listed', async () => {
  const dir = await listedByColumns();
  try {
    const read: Prediction = {
      lines: [
        { text: 'TOTAL', box: box(11, 99, 81, 121) },
        { text: 'RM 12.50', box: box(299, 99, 401, 121) },
        { text: 'CASH', box: box(11, 129, 71, 151) },
        { text: 'RM 15.00', box: box(299, 129, 401, 151) },
        { text: 'scribble', box: box(20, 302, 150, 318) }, // in the do-not-care region: not scored
      ],
      text: 'TOTAL\nRM 12.50\nCASH\nRM 15.00\nscribble',
    };
    const { rows, sources } = await evaluate(await readEvalDir(dir), () => Promise.resolve(read));
    assert.ok(rows[0]!.cerCi > 0.3, `as listed: ${rows[0]!.cerCi}`);
    assert.equal(rows[0]!.cerCiOrdered, 0);
    assert.equal(sources[0]!.cerCiOrdered, 0);
    assert.match(
      orderFreeTable([{ name: 'x', scores: sources }]),
      /\| receipts \| 1 \| 0\.\d{3} \/ 0\.000 \|/,
    );
    // A prediction without boxes cannot be put in order: the source then has no such figure, and no table.
    const bare = await evaluate(await readEvalDir(dir), () =>
      Promise.resolve({ lines: read.lines.map((l) => ({ text: l.text })), text: read.text }),
    );
    assert.equal(bare.sources[0]!.cerCiOrdered, undefined);
    assert.equal(orderFreeTable([{ name: 'x', scores: bare.sources }]), '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
