import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gpuTuning } from '../../app/engine/gpu-tuning';
import { detInputSize } from '../../app/ocr/det-size';
import { finerDetSide, lineBoxOf, SHRUNK } from '../../app/ocr/fine-scale';
import type { Quad } from '../../app/ocr/types';
import { widthBatches } from '../../app/ocr/rec';
import {
  clsCount,
  defaultShapeMode,
  detShape,
  recBatching,
  recShape,
  shapePolicy,
  warmShapes,
} from '../../app/ocr/shape-buckets';

const DET = { limitSideLen: 960, limitType: 'max' as const };
const REC = { minWidth: 320, maxWidth: 3200, batch: 6, batchColumns: 2400, height: 48 };
const CLS = { batch: 6 };
/** A detected box `h` pixels tall (in the image's pixels). */
const box = (h: number): Quad => [
  [0, 0],
  [10 * h, 0],
  [10 * h, h],
  [0, h],
];

test('the CPU runs exact shapes and its batching unchanged; GPU providers pad batches', () => {
  assert.equal(defaultShapeMode('cpu'), 'exact');
  for (const p of ['webgpu', 'cuda', 'dml', 'coreml'] as const) assert.equal(defaultShapeMode(p), 'batches');
  const exact = shapePolicy('exact', DET, REC);
  assert.deepEqual(detShape(exact, 960, 544), { w: 960, h: 544 });
  assert.deepEqual(recShape(exact, 3, 417), { count: 3, width: 417 });
  assert.equal(clsCount(exact, 1, CLS), 1);
  assert.equal(recBatching(exact, REC), REC, 'the very same parameters');
  assert.deepEqual(warmShapes(exact, DET, REC, CLS), { det: [], rec: [], cls: [] });
});

test('padded batches keep detector sizes, line widths and batching exact, and never run a batch of one', () => {
  const policy = shapePolicy('batches', DET, REC);
  assert.deepEqual(detShape(policy, 960, 544), { w: 960, h: 544 });
  assert.equal(recBatching(policy, REC), REC);
  for (let n = 1; n <= REC.batch; n++) {
    const run = recShape(policy, n, 417);
    assert.equal(run.width, 417);
    assert.ok(run.count >= Math.max(2, n) && run.count <= REC.batch, `${n} -> ${run.count}`);
  }
  const warm = warmShapes(policy, DET, REC, CLS);
  assert.deepEqual([...new Set(warm.rec.map((s) => s.count))], [2, REC.batch]);
  // Three or more lines share a run only up to 2,400 columns, so no full batch is warmed at 1,280 or wider.
  assert.ok(!warm.rec.some((s) => s.count === REC.batch && s.width >= 1280), JSON.stringify(warm.rec));
  assert.deepEqual(warm.cls, [CLS.batch]);
  assert.equal(clsCount(policy, 1, CLS), CLS.batch);
});

test('every detector input a page can have is padded to a warmed shape no smaller than it', () => {
  const policy = shapePolicy('buckets', DET, REC);
  const warmed = new Set(warmShapes(policy, DET, REC, CLS).det.map((s) => `${s.w}x${s.h}`));
  assert.ok(warmed.size <= 11, `${warmed.size} detector shapes`);
  for (let w = 1; w <= 4000; w += 7)
    for (let h = 1; h <= 4000; h += 13) {
      const size = detInputSize(w, h, DET);
      const run = detShape(policy, size.w, size.h);
      assert.ok(run.w >= size.w && run.h >= size.h);
      assert.ok(warmed.has(`${run.w}x${run.h}`), `${w}x${h} -> ${size.w}x${size.h} -> ${run.w}x${run.h}`);
      // The finer pass, wherever finerDetSide() would ask for one (a first pass shrunk to 0.6 or less).
      const scale = size.w / w;
      if (scale > SHRUNK) continue;
      for (const atDet of [3, 6, 9, 12]) {
        const side = finerDetSide({ width: w, height: h }, size.w, lineBoxOf([box(atDet / scale)]));
        if (side === undefined) continue;
        const fine = detInputSize(w, h, { limitSideLen: side, limitType: 'max' });
        const at = detShape(policy, fine.w, fine.h);
        assert.ok(at.w >= fine.w && at.h >= fine.h);
        assert.ok(warmed.has(`${at.w}x${at.h}`), `fine ${w}x${h} -> ${fine.w}x${fine.h} -> ${at.w}x${at.h}`);
      }
    }
});

test('padded batches warm the finer pass at the inputs of full-HD and larger screens', () => {
  const warmed = new Set(
    warmShapes(shapePolicy('batches', DET, REC), DET, REC, CLS).det.map((s) => `${s.w}x${s.h}`),
  );
  for (const [w, h] of [
    [1920, 1080],
    [2560, 1440],
    [3840, 2160],
  ] as const) {
    const size = detInputSize(w, h, DET);
    const side = finerDetSide({ width: w, height: h }, size.w, lineBoxOf([box(7 / (size.w / w))]));
    assert.ok(side !== undefined, `${w}x${h} takes the finer pass`);
    const fine = detInputSize(w, h, { limitSideLen: side, limitType: 'max' });
    assert.ok(warmed.has(`${fine.w}x${fine.h}`), `${w}x${h} -> ${fine.w}x${fine.h}`);
  }
});

test('every recogniser batch is padded to a warmed shape of at least two sequences', () => {
  const policy = shapePolicy('buckets', DET, REC);
  const batching = recBatching(policy, REC);
  assert.ok(batching.batch > REC.batch, 'GPU batches are larger');
  const warmed = new Set(warmShapes(policy, DET, REC, CLS).rec.map((s) => `${s.count}x${s.width}`));
  assert.ok(warmed.size <= 14, `${warmed.size} recogniser shapes`);
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) as number;
  for (let page = 0; page < 3000; page++) {
    const n = 1 + Math.floor(rand() * 40);
    const widths = Array.from({ length: n }, () => Math.ceil(20 + rand() ** 3 * 4000));
    for (const idx of widthBatches(widths, batching)) {
      const widest = Math.min(REC.maxWidth, Math.max(REC.minWidth, ...idx.map((i) => widths[i]!)));
      const run = recShape(policy, idx.length, widest);
      assert.ok(run.count >= Math.max(2, idx.length) && run.width >= widest);
      assert.ok(
        warmed.has(`${run.count}x${run.width}`),
        `${idx.length}x${widest} -> ${run.count}x${run.width}`,
      );
    }
  }
  assert.deepEqual(warmShapes(policy, DET, REC, CLS).cls, [CLS.batch]);
  assert.equal(clsCount(policy, 1, CLS), CLS.batch);
});

test('GPU tuning overrides come from the environment and reject unknown values', () => {
  assert.deepEqual(gpuTuning({}), {});
  assert.deepEqual(gpuTuning({ LANTERN_SHAPES: 'exact', LANTERN_WEBGPU_LAYOUT: 'NHWC' }), {
    shapes: 'exact',
    webgpuLayout: 'NHWC',
  });
  assert.deepEqual(gpuTuning({ LANTERN_SHAPES: '', LANTERN_WEBGPU_LAYOUT: '' }), {});
  assert.throws(() => gpuTuning({ LANTERN_SHAPES: 'bucket' }), /LANTERN_SHAPES/);
  assert.throws(() => gpuTuning({ LANTERN_WEBGPU_LAYOUT: 'nhwc' }), /LANTERN_WEBGPU_LAYOUT/);
});
