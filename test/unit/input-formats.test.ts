import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { isRetryable } from '../../app/contracts/errors';
import { ACCEPT_ATTRIBUTE, INPUT_FORMATS, inputFormatOf } from '../../app/contracts/input-formats';
import { decodeImage } from '../../app/ocr/decode';
import { mergeSettings } from '../../app/settings/settings-store';
import { DEFAULT_SETTINGS } from '../../app/contracts/settings';
import { contentTypeFor } from '../../renderer/src/transport/web-transport';
import { fixture } from '../helpers/fixtures';

test('a file is accepted by its type, or by its extension when the type says nothing', () => {
  assert.equal(inputFormatOf({ name: 'a.PNG', type: '' })?.label, 'PNG');
  assert.equal(inputFormatOf({ name: 'photo', type: 'image/jpeg' })?.label, 'JPEG');
  assert.equal(inputFormatOf({ name: 'report.pdf', type: 'application/pdf' }), undefined);
  assert.equal(inputFormatOf({ name: 'scan.bmp', type: 'image/bmp' }), undefined, 'sharp reads no BMP');
  assert.equal(contentTypeFor('x.tiff'), 'image/tiff');
  assert.equal(contentTypeFor('x.bmp'), 'application/octet-stream');
  for (const f of INPUT_FORMATS) assert.ok(ACCEPT_ATTRIBUTE.includes(f.mime));
});

test('every listed format decodes (the list and the decoder agree)', async () => {
  const sharp = (await import('sharp')).default;
  const png = readFileSync(fixture('plate_000.jpg'));
  for (const f of INPUT_FORMATS) {
    const bytes = await sharp(png)
      .toFormat(f.extensions[0] === 'jpg' ? 'jpeg' : (f.extensions[0] as 'png'))
      .toBuffer();
    const img = await decodeImage(bytes);
    assert.ok(img.width > 0, f.label);
  }
});

test('Retry is for errors that may pass: never for a bad or too large image; unknown codes may pass', () => {
  for (const code of ['BAD_IMAGE', 'IMAGE_TOO_LARGE', 'EMPTY_INPUT', 'PAYLOAD_TOO_LARGE', 'MODEL_CORRUPT'])
    assert.equal(isRetryable(code), false, code);
  for (const code of ['QUEUE_FULL', 'ENGINE_CRASHED', 'TIMEOUT', 'SOMETHING_NEW'])
    assert.equal(isRetryable(code), true, code);
});

test("the host's read-only runtime cannot be patched into the settings file", () => {
  assert.throws(
    () => mergeSettings(DEFAULT_SETTINGS, { runtime: { mode: 'serve', file: '/etc/passwd' } }),
    /unknown settings key\(s\): runtime/,
  );
});
