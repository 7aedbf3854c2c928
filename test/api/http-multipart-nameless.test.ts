/** A multipart `file` part without a filename is the file, not a text field. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { exactMatch } from '../../app/eval/metrics';
import { fixture, groundTruth } from '../helpers/fixtures';
import { startStack, TOKEN, until } from '../helpers/http';

test('POST /ocr reads a "file" part that has no filename', { timeout: 90000 }, async () => {
  const stack = await startStack();
  try {
    await until(async () => (await fetch(`${stack.base}/ready`)).status === 200, 60000);
    const image = await readFile(fixture('plate_000.jpg'));
    const body = Buffer.concat([
      Buffer.from('--XX\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: image/jpeg\r\n\r\n'),
      image,
      Buffer.from('\r\n--XX--\r\n'),
    ]);
    const res = await fetch(`${stack.base}/ocr`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'multipart/form-data; boundary=XX' },
      body,
    });
    const answer = (await res.json()) as { file: string; text: string }[];
    assert.equal(res.status, 200, JSON.stringify(answer));
    assert.equal(answer[0]!.file, 'upload');
    assert.ok(exactMatch(answer[0]!.text, groundTruth('plate_000.jpg')));
  } finally {
    await stack.stop();
  }
});
