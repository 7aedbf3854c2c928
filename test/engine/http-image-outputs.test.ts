import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import { WARNINGS_HEADER } from '../../app/contracts/http-routes';
import { fixture } from '../helpers/fixtures';
import { startStack, TOKEN, until } from '../helpers/http';

let stack: Awaited<ReturnType<typeof startStack>>;
const auth = { authorization: `Bearer ${TOKEN}` };

before(async () => {
  stack = await startStack();
  await until(async () => (await fetch(`${stack.base}/ready`)).status === 200, 60000);
});
after(() => stack.stop());

/** A PNG whose header claims `side`×`side` grey pixels, with a few bytes of data: refused from its header. */
function claimedPng(side: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth; colour type 0 (grey), no interlace
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(Buffer.alloc(side + 1))),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

/** The status and error code of POST /ocr with `body` as an image. */
/** The warnings header of the last answer per output. */
const warned = new Map<string, string>();

async function ocr(body: Uint8Array, output: string): Promise<[number, string | undefined]> {
  const res = await fetch(`${stack.base}/ocr${output ? `?output=${output}` : ''}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'image/png' },
    body: new Uint8Array(body),
  });
  const text = await res.text();
  const warnings = res.headers.get(WARNINGS_HEADER);
  if (warnings === null) warned.delete(output);
  else warned.set(output, warnings);
  const code = res.status === 200 ? undefined : (JSON.parse(text) as { error: { code: string } }).error.code;
  return [res.status, code];
}

test('an image that cannot be read gets the same coded error in every output, not a 200 without text', async () => {
  const junk = new Uint8Array(4096).map((_, i) => (i * 151 + 7) & 255);
  const huge = claimedPng(20000);
  for (const output of ['', 'txt', 'md', 'pdf']) {
    assert.deepEqual(await ocr(junk, output), [400, 'BAD_IMAGE'], `junk, output=${output || 'json'}`);
    assert.deepEqual(await ocr(huge, output), [413, 'IMAGE_TOO_LARGE'], `huge, output=${output || 'json'}`);
  }
  // A readable image still reads in every output.
  const plate = new Uint8Array(readFileSync(fixture('plate_000.jpg')));
  for (const output of ['', 'txt', 'md', 'pdf']) assert.deepEqual(await ocr(plate, output), [200, undefined]);
});

test('a JPEG cut short reads as far as it goes, with an IMAGE_TRUNCATED warning, and makes a searchable PDF', async () => {
  const whole = readFileSync(fixture('sroie_006.jpg'));
  const jpeg = new Uint8Array(whole.subarray(0, Math.floor(whole.length * 0.6)));
  const res = await fetch(`${stack.base}/ocr`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'image/jpeg' },
    body: jpeg,
  });
  assert.equal(res.status, 200);
  const result = (await res.json()) as { text: string; warnings?: { code: string }[] };
  assert.match(result.text, /SOON HUAT/);
  assert.deepEqual(
    result.warnings?.map((w) => w.code),
    ['IMAGE_TRUNCATED'],
  );
  const page = readFileSync(fixture('two-column-page.png'));
  const png = new Uint8Array(page.subarray(0, Math.floor(page.length * 0.6)));
  for (const output of ['txt', 'md', 'pdf']) {
    assert.deepEqual(await ocr(jpeg, output), [200, undefined], `jpeg, output=${output}`);
    assert.deepEqual(await ocr(png, output), [200, undefined], `png, output=${output}`);
    // A body that is not JSON has no place for warnings: the header names them.
    assert.equal(warned.get(output), 'IMAGE_TRUNCATED', `output=${output}`);
  }
  // A whole image has none.
  await ocr(new Uint8Array(readFileSync(fixture('plate_000.jpg'))), 'txt');
  assert.equal(warned.get('txt'), undefined);
});
