import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { isRetryable } from '../../app/contracts/errors';
import { ACCEPT_ATTRIBUTE, INPUT_FORMATS, inputFormatOf } from '../../app/contracts/input-formats';
import { pagePreview } from '../../app/documents/page-preview';
import { decodeImage } from '../../app/ocr/decode';
import { mergeSettings } from '../../app/settings/settings-store';
import { DEFAULT_SETTINGS } from '../../app/contracts/settings';
import { contentTypeFor } from '../../renderer/src/transport/web-transport';
import { fixture } from '../helpers/fixtures';
import { bornDigitalPdf } from '../helpers/pdf-fixtures';

test('a file is accepted by its type, or by its extension when the type says nothing', () => {
  assert.equal(inputFormatOf({ name: 'a.PNG', type: '' })?.label, 'PNG');
  assert.equal(inputFormatOf({ name: 'photo', type: 'image/jpeg' })?.label, 'JPEG');
  assert.equal(inputFormatOf({ name: 'report.pdf', type: 'application/pdf' })?.label, 'PDF');
  assert.equal(inputFormatOf({ name: 'scan', type: 'application/pdf' })?.document, true);
  assert.equal(inputFormatOf({ name: 'notes.docx', type: '' }), undefined);
  assert.equal(inputFormatOf({ name: 'scan.bmp', type: 'image/bmp' }), undefined, 'sharp reads no BMP');
  assert.equal(contentTypeFor('x.tiff'), 'image/tiff');
  assert.equal(contentTypeFor('x.bmp'), 'application/octet-stream');
  for (const f of INPUT_FORMATS) assert.ok(ACCEPT_ATTRIBUTE.includes(f.mime));
});

test('every listed format is read (the list and the readers agree): images decode, documents show their pages', async () => {
  const sharp = (await import('sharp')).default;
  const jpeg = readFileSync(fixture('plate_000.jpg'));
  for (const f of INPUT_FORMATS) {
    const bytes =
      f.label === 'PDF'
        ? await bornDigitalPdf(['Lantern'])
        : await sharp(jpeg)
            .toFormat(f.extensions[0] === 'jpg' ? 'jpeg' : (f.extensions[0] as 'png'))
            .toBuffer();
    if (!f.document) assert.ok((await decodeImage(bytes)).width > 0, f.label);
    const preview = await sharp(await pagePreview(bytes, 1)).metadata();
    assert.equal(preview.format, 'png', f.label);
    assert.ok((preview.width ?? 0) > 0, f.label);
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
