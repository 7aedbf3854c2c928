/**
 * Folder watching on real temporary folders with the real models: 200 images copied in (some slowly, in two
 * halves) give exactly 200 outputs with the right text; a changed image is redone; a renamed or moved image is
 * not counted twice (also when renamed while the watcher was stopped).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fixture } from '../helpers/fixtures';
import {
  harness,
  useInProcessService,
  listFiles,
  PLATE_TEXT,
  plateReencodings,
  plateVariant,
  spyService,
  tempDir,
  waitFor,
} from './helpers';

const service = useInProcessService();

/** Writes a file in two halves with a pause between them (shorter than the stability window). */
async function writeSlowly(file: string, bytes: Buffer, pauseMs: number): Promise<void> {
  const h = await open(file, 'w');
  const half = Math.floor(bytes.length / 2);
  await h.write(bytes, 0, half);
  await sleep(pauseMs);
  await h.write(bytes, half, bytes.length - half);
  await h.close();
}

describe('watch: 200 images', () => {
  it('copied in (some slowly, in chunks) → exactly 200 outputs with the right text, each read once', async (t) => {
    const { dir: root, cleanup } = tempDir();
    const inDir = path.join(root, 'in');
    const outDir = path.join(root, 'out');
    mkdirSync(inDir);
    const spy = spyService(service());
    const h = harness(spy, path.join(root, 'ledger.db'));
    try {
      await h.manager.start();
      const folder = await h.manager.add(inDir, { outDir, formats: ['txt', 'json'] });
      const reencoded = Object.entries(await plateReencodings());
      const files: { name: string; bytes: Buffer; slow: boolean }[] = [];
      for (const [ext, bytes] of reencoded)
        files.push({ name: `re-${ext.replace(/\./g, '-')}.${ext.split('.').pop()}`, bytes, slow: false });
      for (let i = files.length; i < 200; i++)
        files.push({
          name: `img-${String(i).padStart(3, '0')}.jpg`,
          bytes: plateVariant(String(i)),
          slow: i % 10 === 3,
        });
      const t0 = performance.now();
      for (let i = 0; i < files.length; i += 25) {
        await Promise.all(
          files.slice(i, i + 25).map((f) => {
            const p = path.join(inDir, f.name);
            return f.slow
              ? writeSlowly(p, f.bytes, 200)
              : open(p, 'w').then(async (fh) => (await fh.write(f.bytes), fh.close()));
          }),
        );
        await sleep(50);
      }
      await waitFor(() => h.ledger.counts(folder.id).done === 200, '200 done', 120000);
      const elapsed = (performance.now() - t0) / 1000;
      await h.manager.whenIdle();
      const rate = 200 / elapsed;
      t.diagnostic(
        `200 images in ${elapsed.toFixed(1)} s = ${rate.toFixed(1)} images/s (copy to last output)`,
      );

      const outs = listFiles(outDir);
      const txts = outs.filter((f) => f.endsWith('.txt'));
      assert.equal(txts.length, 200, 'exactly 200 text outputs');
      assert.equal(outs.filter((f) => f.endsWith('.json')).length, 200);
      assert.deepEqual(
        outs.filter((f) => /\.tmp-\d+$/.test(f)),
        [],
        'no temporaries left',
      );
      for (const f of files) {
        assert.equal(readFileSync(path.join(outDir, `${f.name}.txt`), 'utf8'), `${PLATE_TEXT}\n`, f.name);
        const json = JSON.parse(readFileSync(path.join(outDir, `${f.name}.json`), 'utf8'));
        assert.equal(json.text, PLATE_TEXT);
        assert.equal(json.file, f.name);
      }
      const rows = h.ledger.files(folder.id);
      assert.equal(rows.length, 200);
      assert.ok(
        rows.every((r) => r.state === 'done' && r.attempts === 1 && r.sha256),
        'each read once, complete',
      );
      assert.equal(h.outcomes.filter((o) => o.how === 'ocr').length, 200);
      assert.ok(
        spy.submits.every((s) => s?.priority === 'batch'),
        'watch work is submitted at batch priority',
      );
      assert.deepEqual(h.manager.list()[0]!.counts, { queued: 0, done: 200, failed: 0 });
    } finally {
      await h.close();
      cleanup();
    }
  });
});

describe('watch: changed, touched, renamed and moved images', () => {
  it('redoes a changed image, not a touched one; a rename or move is recorded once, also across a restart', async () => {
    const { dir: root, cleanup } = tempDir();
    const inDir = path.join(root, 'in');
    const outDir = path.join(root, 'out');
    const db = path.join(root, 'ledger.db');
    mkdirSync(path.join(inDir, 'sub'), { recursive: true });
    let h = harness(service(), db);
    try {
      await h.manager.start();
      const folder = await h.manager.add(inDir, { outDir, recursive: true, formats: ['txt', 'json'] });
      const a = path.join(inDir, 'a.jpg');
      writeFileSync(a, plateVariant('a'));
      await h.waitDone(a);
      assert.equal(readFileSync(path.join(outDir, 'a.jpg.txt'), 'utf8'), `${PLATE_TEXT}\n`);

      // Changed content: redone, outputs replaced.
      const word = readFileSync(fixture('ic15_word_1.png'));
      const expected = (await service().recognize({ kind: 'bytes', bytes: word })).text;
      assert.ok(expected.length > 0 && expected !== PLATE_TEXT);
      writeFileSync(a, word);
      const second = await h.waitDone(a, 2);
      assert.equal(second.how, 'ocr');
      assert.equal(readFileSync(path.join(outDir, 'a.jpg.txt'), 'utf8'), `${expected}\n`);
      assert.equal(JSON.parse(readFileSync(path.join(outDir, 'a.jpg.json'), 'utf8')).text, expected);
      assert.equal(h.ledger.file(folder.id, 'a.jpg')!.attempts, 2);

      // Touched (new mtime, same bytes): checked by hash, not recognised again.
      utimesSync(a, new Date(), new Date(Date.now() + 5000));
      assert.equal((await h.waitDone(a, 3)).how, 'unchanged');

      // Renamed: the same row takes the new name, outputs follow, nothing recognised.
      const b = path.join(inDir, 'b.jpg');
      renameSync(a, b);
      const renamed = await h.waitDone(b);
      assert.equal(renamed.how, 'renamed');
      assert.equal(renamed.from, 'a.jpg');
      assert.ok(!existsSync(path.join(outDir, 'a.jpg.txt')) && !existsSync(path.join(outDir, 'a.jpg.json')));
      assert.equal(readFileSync(path.join(outDir, 'b.jpg.txt'), 'utf8'), `${expected}\n`);
      assert.equal(JSON.parse(readFileSync(path.join(outDir, 'b.jpg.json'), 'utf8')).file, 'b.jpg');
      await waitFor(() => h.ledger.counts(folder.id).done === 1, 'one done file', 5000);
      assert.deepEqual(
        h.ledger.files(folder.id).map((r) => r.path),
        ['b.jpg'],
      );

      // Moved into a sub-folder: outputs mirrored there.
      const c = path.join(inDir, 'sub', 'c.jpg');
      renameSync(b, c);
      assert.equal((await h.waitDone(c)).how, 'renamed');
      assert.equal(readFileSync(path.join(outDir, 'sub', 'c.jpg.txt'), 'utf8'), `${expected}\n`);
      assert.ok(!existsSync(path.join(outDir, 'b.jpg.txt')));

      // Renamed while stopped: recognised as the same file at start-up.
      await h.close();
      const d = path.join(inDir, 'd.jpg');
      renameSync(c, d);
      h = harness(service(), db);
      await h.manager.start();
      const afterRestart = await h.waitDone(d);
      assert.equal(afterRestart.how, 'renamed');
      assert.equal(afterRestart.from, path.join('sub', 'c.jpg'));
      assert.deepEqual(
        h.ledger.files(folder.id).map((r) => [r.path, r.state, r.gone]),
        [['d.jpg', 'done', false]],
      );
      assert.equal(h.ledger.counts(folder.id).done, 1);
      assert.equal(
        h.outcomes.filter((o) => o.how === 'ocr').length,
        0,
        'nothing recognised again after restart',
      );

      // A copy (same content, both present) reuses the result and counts as its own file.
      const e = path.join(inDir, 'e.jpg');
      writeFileSync(e, word);
      assert.equal((await h.waitDone(e)).how, 'duplicate');
      assert.equal(h.ledger.counts(folder.id).done, 2);
    } finally {
      await h.close();
      cleanup();
    }
  });
});
