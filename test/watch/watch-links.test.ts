/**
 * Symbolic links named like images that lead nowhere (a loop, a link to a file that does not exist) are failed files
 * with the reason, in a batch and while watching, never skipped without a word; the other files go on.
 */
import assert from 'node:assert/strict';
import { symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { harness, plateVariant, tempDir, useInProcessService, waitFor } from './helpers';

const service = useInProcessService();

/** A loop (`a.jpg` ↔ `b.jpg`), a dangling link (`c.jpg`) and one good image in `dir`. */
function badLinks(dir: string): void {
  symlinkSync(path.join(dir, 'b.jpg'), path.join(dir, 'a.jpg'));
  symlinkSync(path.join(dir, 'a.jpg'), path.join(dir, 'b.jpg'));
  symlinkSync(path.join(dir, 'none.jpg'), path.join(dir, 'c.jpg'));
  writeFileSync(path.join(dir, 'ok.jpg'), plateVariant('ok'));
}

/** The failed files of a folder by name: code and message. */
const failedByName = (failed: readonly { path: string; code: string; message: string }[]) =>
  new Map(failed.map((f) => [path.basename(f.path), { code: f.code, message: f.message }]));

/** Checks the three bad links of `badLinks` were failed with their reasons. */
function assertLinkFailures(failed: ReturnType<typeof failedByName>): void {
  for (const name of ['a.jpg', 'b.jpg']) {
    assert.equal(failed.get(name)?.code, 'FILE_UNREADABLE', name);
    assert.match(failed.get(name)!.message, /symbolic link loop/, name);
  }
  assert.equal(failed.get('c.jpg')?.code, 'FILE_NOT_FOUND');
  assert.match(failed.get('c.jpg')!.message, /a symbolic link to a file that does not exist/);
  assert.match(failed.get('c.jpg')!.message, /none\.jpg/);
}

describe('watch: links that lead nowhere', () => {
  it('a batch fails a link loop and a dangling link with the reason, and reads the rest', async () => {
    const { dir, cleanup } = tempDir();
    const h = harness(service(), ':memory:');
    try {
      badLinks(dir);
      await h.manager.start();
      const end = await (await h.manager.batch(dir, { outDir: path.join(dir, 'out') })).ended;
      assert.deepEqual([end.done, end.failed, end.total], [1, 3, 4]);
      assertLinkFailures(failedByName(h.manager.failed()));
    } finally {
      await h.close();
      cleanup();
    }
  });

  it('a watched folder fails them too, found at start and made while watching', async () => {
    const { dir, cleanup } = tempDir();
    const h = harness(service(), ':memory:');
    try {
      badLinks(dir);
      await h.manager.start();
      const folder = await h.manager.add(dir);
      await waitFor(() => h.manager.failed().length >= 3, 'three failed links');
      assertLinkFailures(failedByName(h.manager.failed()));
      symlinkSync(path.join(dir, 'gone.png'), path.join(dir, 'later.png'));
      const later = await waitFor(
        () => h.manager.failed().find((f) => path.basename(f.path) === 'later.png'),
        'the link made while watching failed',
      );
      assert.equal(later.code, 'FILE_NOT_FOUND');
      assert.match(later.message, /a symbolic link to a file that does not exist/);
      // The one real image is read beside them (its OCR may end after the links have failed).
      await waitFor(() => h.ledger.counts(folder.id).done === 1 || undefined, 'the real image read');
      // Removed, a link found at start goes from the failed files as one made while watching does.
      for (const name of ['c.jpg', 'later.png']) {
        unlinkSync(path.join(dir, name));
        await waitFor(
          () => !h.manager.failed().some((f) => path.basename(f.path) === name),
          `the failed row of ${name}, removed, goes`,
        );
      }
    } finally {
      await h.close();
      cleanup();
    }
  });
});
