/** Removing a watched folder while one of its files is read: the file's cancelled read leaves no activity behind. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { gated, harness, PLATE, tempDir, useInProcessService, waitFor } from './helpers';

const service = useInProcessService();

test('a folder removed while a file of it is read leaves no "queued" line for that file', async () => {
  const { dir, cleanup } = tempDir();
  const inDir = path.join(dir, 'in');
  const g = gated(service());
  const h = harness(g.service, ':memory:');
  try {
    mkdirSync(inDir);
    writeFileSync(path.join(inDir, 'plate.jpg'), PLATE);
    const folder = await h.manager.add(inDir, { outDir: path.join(dir, 'out') });
    await waitFor(() => g.reads() > 0 || undefined, 'the file is being read');
    const before = h.events.length;
    await h.manager.remove(folder.id);
    g.release();
    await h.manager.whenIdle();
    const after = h.events.slice(before).filter((e) => e.type === 'file' && e.folderId === folder.id);
    assert.deepEqual(after, [], 'the removed folder has no activity left');
    assert.deepEqual(h.manager.list(), [], 'and is not listed');
  } finally {
    g.release();
    await h.close();
    cleanup();
  }
});
