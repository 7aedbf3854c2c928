/**
 * A polled folder's sweep for broken links looks only at the entries its listing found to be links: the regular files
 * of a large folder are not each stat()ed on every tick.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { BrokenLinks, type BrokenLinkReports } from '../../app/watch/broken-links';
import { listFolder, type FolderNotes } from '../../app/watch/scan';
import { watchOptionsSchema } from '../../app/contracts/lantern-api';

test('a listing notes its links, and the sweep finds the broken ones among them alone', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-link-sweep-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'page.png'), 'an image');
  symlinkSync('page.png', path.join(dir, 'good.png'));
  symlinkSync('nowhere.png', path.join(dir, 'dangling.png'));
  symlinkSync('loop.png', path.join(dir, 'loop.png'));
  const notes: FolderNotes = { escapedDirs: [], unreadableDirs: [], links: [] };
  const listed = await listFolder(dir, watchOptionsSchema.parse({}), notes);
  assert.deepEqual(listed, ['dangling.png', 'good.png', 'loop.png', 'page.png']);
  assert.deepEqual(notes.links, ['dangling.png', 'good.png', 'loop.png']);
  const reported: string[] = [];
  const on: BrokenLinkReports = {
    current: () => true,
    report: (rel) => reported.push(rel),
    gone: () => undefined,
  };
  await new BrokenLinks().sweep(dir, notes.links!, on);
  assert.deepEqual(reported.sort(), ['dangling.png', 'loop.png']);
  // A regular file made a broken link under the same name is a link in the next listing, and is found then.
  rmSync(path.join(dir, 'page.png'));
  const again: FolderNotes = { escapedDirs: [], unreadableDirs: [], links: [] };
  await listFolder(dir, watchOptionsSchema.parse({}), again);
  reported.length = 0;
  await new BrokenLinks().sweep(dir, again.links!, on);
  assert.deepEqual(reported.sort(), ['dangling.png', 'good.png', 'loop.png']);
});
