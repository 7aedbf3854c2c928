import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fixture } from '../helpers/fixtures';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-truncated-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A fixture's first `share` of bytes, written as a file of its own (a download or copy cut short). */
function cut(name: string, share: number): string {
  const bytes = readFileSync(fixture(name));
  const file = path.join(dir, `cut-${share}-${name}`);
  writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * share)));
  return file;
}

const cliJson = (files: string[]) => {
  const r = spawnSync(process.execPath, ['dist/node/cli.mjs', '--format', 'json', ...files], {
    encoding: 'utf8',
  });
  const rows = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: r.status, stderr: r.stderr, rows };
};

test('a JPEG or PNG cut short is read as far as it goes, with an IMAGE_TRUNCATED warning', () => {
  const jpeg = cut('sroie_006.jpg', 0.6);
  const png = cut('two-column-page.png', 0.6);
  const r = cliJson([jpeg, png, fixture('plate_000.jpg')]);
  assert.equal(r.status, 0, r.stderr);
  const [receipt, page, whole] = r.rows;
  assert.match(String(receipt?.text), /SOON HUAT/);
  assert.match(String(page?.text), /12 point text/);
  for (const row of [receipt, page]) {
    const warnings = row?.warnings as { code: string; message: string }[];
    assert.equal(warnings.length, 1, JSON.stringify(row?.warnings));
    assert.equal(warnings[0]?.code, 'IMAGE_TRUNCATED');
    assert.match(warnings[0]?.message ?? '', /ends early/);
  }
  // A whole image carries no warnings.
  assert.equal(whole?.warnings, undefined);
  // Text output has no room for it: the warning goes to stderr, and the text is read all the same.
  const text = spawnSync(process.execPath, ['dist/node/cli.mjs', '--format', 'text', jpeg], {
    encoding: 'utf8',
  });
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /SOON HUAT/);
  assert.match(text.stderr, /IMAGE_TRUNCATED: the image file ends early/);
});

test('bytes cut inside the image header are still BAD_IMAGE: there is nothing to read', () => {
  const r = cliJson([cut('sroie_006.jpg', 0.001), cut('two-column-page.png', 0.0002)]);
  assert.equal(r.status, 1);
  for (const row of r.rows) assert.equal((row.error as { code: string }).code, 'BAD_IMAGE');
});
