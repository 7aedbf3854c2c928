/**
 * The image codec: which sharp build a process picks, and an engine worker on sharp's WebAssembly build (what the
 * desktop app's engine uses on Linux) reading real fixtures through the real models exactly as native sharp does.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { modelsDir } from '../../app/models/paths';
import { imageCodecFor } from '../../app/ocr/image-codec';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { makeHost, stopHosts, waitForState } from '../helpers/engine';
import { fixture } from '../helpers/fixtures';

after(stopHosts);

test('wasm in an Electron process on Linux, native elsewhere; the setting overrides; a typo is an error', () => {
  const electronLinux = { electron: '45.5.0', platform: 'linux' } as const;
  const nodeLinux = { electron: undefined, platform: 'linux' } as const;
  assert.equal(imageCodecFor(undefined, electronLinux), 'wasm');
  assert.equal(imageCodecFor('auto', electronLinux), 'wasm');
  assert.equal(imageCodecFor(undefined, { electron: '45.5.0', platform: 'darwin' }), 'native');
  assert.equal(imageCodecFor(undefined, { electron: '45.5.0', platform: 'win32' }), 'native');
  assert.equal(imageCodecFor(undefined, nodeLinux), 'native');
  assert.equal(imageCodecFor('wasm', nodeLinux), 'wasm');
  assert.equal(imageCodecFor('native', electronLinux), 'native');
  assert.throws(() => imageCodecFor('wasm32', nodeLinux), /LANTERN_IMAGE_CODEC must be native, wasm or auto/);
});

test('an engine worker on the wasm codec reads the fixtures as native sharp does and never maps libvips', async () => {
  const names = ['sroie_006.jpg', 'tess_eurotext.png', 'plate_000.jpg', 'zhscreen_04_chat_ftp.png'];
  const before = process.env.LANTERN_IMAGE_CODEC;
  process.env.LANTERN_IMAGE_CODEC = 'wasm'; // the launcher hands the test's environment to the worker
  const { host } = makeHost();
  try {
    host.start();
    const ready = await waitForState(host, 'ready', 180000);
    if (process.platform === 'linux') {
      const maps = readFileSync(`/proc/${ready.pid}/maps`, 'utf8');
      assert.doesNotMatch(maps, /libvips|sharp-linux/, 'no native sharp or libvips in the worker');
    }
    const local = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
    try {
      for (const name of names) {
        const bytes = readFileSync(fixture(name));
        const wasm = await host.recognize({ kind: 'bytes', name, bytes });
        const native = await local.recognize(bytes);
        assert.equal(wasm.text, native.text, name);
        assert.deepEqual(
          wasm.lines.map((l) => l.box),
          native.lines.map((l) => l.box),
          `${name}: same boxes`,
        );
      }
    } finally {
      await local.release();
    }
  } finally {
    if (before === undefined) delete process.env.LANTERN_IMAGE_CODEC;
    else process.env.LANTERN_IMAGE_CODEC = before;
    await stopHosts();
  }
});
