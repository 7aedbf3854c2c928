/**
 * A file whose name is not valid UTF-8 (Linux allows any bytes: a Latin-1 "café.png" copied from an old disk) is
 * read like any other (docs/watch-inputs.md): by a batch, when present as watching starts and when dropped later,
 * its outputs named after the name's text form (`caf\xE9.jpg.txt`), and forgotten when it is deleted. Real files
 * made with Buffer paths, real models.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { displayName, inputPath } from '../../app/watch/file-names';
import { harness, PLATE_TEXT, plateVariant, tempDir, useInProcessService, waitFor } from './helpers';

const service = useInProcessService();

/** `dir`/`name` as raw bytes: `name`'s text with `bytes` spliced in at each "%". */
const rawPath = (dir: string, name: string, bytes: number[]) => {
  const [head = '', tail = ''] = name.split('%');
  return Buffer.concat([Buffer.from(`${dir}/${head}`), Buffer.from(bytes), Buffer.from(tail)]);
};

describe('file names that are not valid UTF-8', () => {
  it('maps a name to a text form and back, exactly, and leaves valid names as they are', async () => {
    const latin1 = Buffer.from('caf\xe9 \\ 1.png', 'latin1');
    const shown = displayName(latin1);
    assert.equal(shown, 'caf\\xE9 \\\\ 1.png');
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), latin1]), 'x');
      assert.deepEqual(await inputPath(dir, shown), Buffer.concat([Buffer.from(`${dir}/`), latin1]));
      assert.equal(displayName(Buffer.from('café 京.png')), 'café 京.png');
      assert.equal(await inputPath(dir, 'café.png'), path.join(dir, 'café.png'));
      // A valid name that only looks like a text form is itself.
      writeFileSync(path.join(dir, 'caf\\xE9.png'), 'x');
      assert.equal(await inputPath(dir, 'caf\\xE9.png'), path.join(dir, 'caf\\xE9.png'));
    } finally {
      cleanup();
    }
  });

  it('a batch reads it; its outputs are named after its text form', async () => {
    const { dir, cleanup } = tempDir();
    const h = harness(service(), ':memory:');
    try {
      writeFileSync(rawPath(dir, 'caf%.jpg', [0xe9]), plateVariant('latin1'));
      writeFileSync(path.join(dir, 'ok.jpg'), plateVariant('ok'));
      await h.manager.start();
      const end = await (await h.manager.batch(dir)).ended;
      assert.deepEqual(h.manager.failed(), []);
      assert.equal(end.done, 2);
      assert.equal(readFileSync(path.join(dir, 'caf\\xE9.jpg.txt'), 'utf8'), `${PLATE_TEXT}\n`);
      assert.ok(h.doneFor(path.join(dir, 'caf\\xE9.jpg')).length === 1, 'its outcome names its text form');
    } finally {
      await h.close();
      cleanup();
    }
  });

  it('watching reads one present at the start and one dropped later, and forgets one deleted', async () => {
    const { dir, cleanup } = tempDir();
    const h = harness(service(), ':memory:');
    try {
      writeFileSync(rawPath(dir, 'caf%.jpg', [0xe9]), plateVariant('before'));
      await h.manager.start();
      const folder = await h.manager.add(dir);
      await h.waitDone(path.join(dir, 'caf\\xE9.jpg'));
      const later = rawPath(dir, 'stra%e.jpg', [0xdf]);
      writeFileSync(later, plateVariant('later'));
      await h.waitDone(path.join(dir, 'stra\\xDFe.jpg'));
      assert.equal(readFileSync(path.join(dir, 'stra\\xDFe.jpg.txt'), 'utf8'), `${PLATE_TEXT}\n`);
      unlinkSync(later);
      await waitFor(() => h.ledger.file(folder.id, 'stra\\xDFe.jpg')?.gone, 'the deleted file noted gone');
      assert.deepEqual(h.manager.failed(), []);
      assert.equal(existsSync(path.join(dir, 'caf\\xE9.jpg.txt')), true);
    } finally {
      await h.close();
      cleanup();
    }
  });
});
