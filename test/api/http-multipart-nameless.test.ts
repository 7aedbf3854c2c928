/** Multipart parts with odd names: a `file` part without a filename, a file part without a name, a very long filename. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { exactMatch } from '../../app/eval/metrics';
import { fixture, groundTruth } from '../helpers/fixtures';
import { startStack, TOKEN, until } from '../helpers/http';

let stack: Awaited<ReturnType<typeof startStack>>;
before(async () => {
  stack = await startStack();
  await until(async () => (await fetch(`${stack.base}/ready`)).status === 200, 60000);
});
after(() => stack.stop());

/** POSTs a form of one part with these part headers and the plate image as its body. */
async function postPart(partHeaders: string): Promise<Response> {
  const image = await readFile(fixture('plate_000.jpg'));
  const body = Buffer.concat([
    Buffer.from(`--XX\r\n${partHeaders}\r\nContent-Type: image/jpeg\r\n\r\n`),
    image,
    Buffer.from('\r\n--XX--\r\n'),
  ]);
  return fetch(`${stack.base}/ocr`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'multipart/form-data; boundary=XX' },
    body,
  });
}

test('POST /ocr reads a "file" part that has no filename', { timeout: 90000 }, async () => {
  const res = await postPart('Content-Disposition: form-data; name="file"');
  const answer = (await res.json()) as { file: string; text: string }[];
  assert.equal(res.status, 200, JSON.stringify(answer));
  assert.equal(answer[0]!.file, 'upload');
  assert.ok(exactMatch(answer[0]!.text, groundTruth('plate_000.jpg')));
});

test('a file part without a name is refused in words, not with a TypeError', { timeout: 90000 }, async () => {
  const res = await postPart('Content-Disposition: form-data; filename="plate.jpg"');
  const answer = (await res.json()) as { error: { code: string; message: string } };
  assert.equal(res.status, 400);
  assert.equal(answer.error.code, 'BAD_REQUEST');
  assert.match(
    answer.error.message,
    /^the form sends a file without a field name: files go in "file" fields/,
  );
});

test(
  'a filename is kept to 1024 characters, as X-File-Name is, in the answer and the history',
  { timeout: 90000 },
  async () => {
    // A part's headers may hold 80 KiB: each of the history's 1000 entries would keep that much of name.
    const res = await postPart(
      `Content-Disposition: form-data; name="file"; filename="${'n'.repeat(60000)}.jpg"`,
    );
    const answer = (await res.json()) as { file: string; text: string }[];
    assert.equal(res.status, 200);
    assert.equal(answer[0]!.file, 'n'.repeat(1024));
    const history = (await (
      await fetch(`${stack.base}/api/history?limit=1`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).json()) as { name: string }[];
    assert.equal(history[0]!.name, 'n'.repeat(1024));
  },
);
