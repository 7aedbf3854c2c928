/**
 * The byte limits the docs state are the ones the code applies, unit included: "25 MB" is 25,000,000 bytes, while serve
 * refuses past 25 MiB (26,214,400), so a client that sizes its uploads by the page is told the wrong bound.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseServeArgs } from '../../app/serve/args';
import { MAX_INPUT_BYTES } from '../../app/files/read-input-path';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bytes in each unit the docs write. */
const UNIT: Readonly<Record<string, number>> = {
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
};

/** The bytes a doc states in the first phrase that `pattern` finds (its first group: a figure and a unit). */
function statedBytes(file: string, pattern: RegExp): number {
  const text = readFileSync(path.join(ROOT, file), 'utf8').replace(/\s+/g, ' ');
  const m = pattern.exec(text);
  assert.ok(m?.[1], `${file} states no figure for ${String(pattern)}`);
  const [, figure, unit] = /^(\d+) (\w+)$/.exec(m[1]) ?? [];
  assert.ok(figure && unit && UNIT[unit], `${file}: "${m[1]}" is not a figure and a unit`);
  return Number(figure) * UNIT[unit];
}

const limits: { file: string; what: string; pattern: RegExp; bytes: number }[] = [
  {
    file: 'docs/security.md',
    what: "serve's request body limit",
    pattern: /A (\d+ \w+) body limit \(`--max-body-mb`\)/,
    bytes: parseServeArgs([]).maxBodyMb * 2 ** 20,
  },
  {
    file: 'docs/watch-inputs.md',
    what: "a watched file's size limit",
    pattern: /Files over (\d+ \w+) fail with `IMAGE_TOO_LARGE`/,
    bytes: MAX_INPUT_BYTES,
  },
];

for (const { file, what, pattern, bytes } of limits)
  test(`${file} states ${what} as the code applies it (${bytes} bytes)`, () => {
    assert.equal(statedBytes(file, pattern), bytes);
  });
