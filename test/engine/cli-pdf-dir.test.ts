/** `--searchable-pdf DIR` refusals that come before any input is read. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fixture } from '../helpers/fixtures';

test('--searchable-pdf naming a link to a folder that does not exist is refused first, not once per input', (t) => {
  if (process.platform === 'win32') return t.skip('symbolic links need privileges');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-cli-dangling-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const link = path.join(dir, 'pdfs');
  symlinkSync(path.join(dir, 'gone'), link);
  const r = spawnSync(
    process.execPath,
    ['dist/node/cli.mjs', '--searchable-pdf', link, fixture('plate_000.jpg'), fixture('sroie_006.jpg')],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--searchable-pdf .*pdfs: a link to .*gone, which does not exist/);
  assert.equal(r.stdout, '', 'no input is read');
});
