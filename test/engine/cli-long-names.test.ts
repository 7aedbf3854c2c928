/** `--searchable-pdf` for inputs whose names are near the file system's 255-byte limit (long web downloads). */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fixture } from '../helpers/fixtures';

test('--searchable-pdf writes the PDF of an input whose name is as long as a name can be', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-cli-long-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // `<stem>.pdf` fits in 250 bytes, but not its `.<pid>.part` beside it, nor the `-2` of a second input of that name;
  // a 255-byte name with no extension does not fit with `.pdf` at all.
  const stem = 'a'.repeat(246);
  const fits = path.join(dir, `${stem}.jpg`);
  const again = path.join(dir, 'again', `${stem}.jpg`);
  const longest = path.join(dir, `${'é'.repeat(127)}b`);
  mkdirSync(path.dirname(again));
  for (const f of [fits, again, longest]) copyFileSync(fixture('plate_000.jpg'), f);
  const out = path.join(dir, 'out');
  const r = spawnSync(
    process.execPath,
    ['dist/node/cli.mjs', '--format', 'text', '--searchable-pdf', out, fits, again, longest],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /not written/);
  const pdfs = readdirSync(out).sort();
  assert.equal(pdfs.length, 3, pdfs.join('\n'));
  assert.ok(pdfs.includes(`${stem}.pdf`), 'a name that fits is kept');
  for (const p of pdfs) assert.ok(Buffer.byteLength(p) <= 255 && p.endsWith('.pdf'), p);
  assert.match(
    r.stderr,
    new RegExp(`writing .*${stem.slice(0, 200)}.*-2\\.pdf \\(${stem}\\.pdf is an earlier input's\\)`),
  );
  for (const p of pdfs)
    assert.match(execFileSync('pdftotext', [path.join(out, p), '-'], { encoding: 'utf8' }), /L3N67/);
});
