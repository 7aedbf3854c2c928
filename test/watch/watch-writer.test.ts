/**
 * A writer that pauses longer than the settling time (a slow network copy, a scanner between pages): the watcher
 * reads a half-written file. Its failed read is not a bad file: it is read again once the writer goes on, and is
 * never failed or reported as bad. A file that stays bad still fails with its code. Real models, real files.
 */
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import type { OcrService } from '../../app/engine/ocr-service';
import { writtenAgain } from '../../app/watch/read-file';
import { harness, PLATE, PLATE_TEXT, tempDir, useInProcessService } from './helpers';

const service = useInProcessService();

/** The service, except that its first request first calls `meanwhile` (the writer going on while the engine reads). */
function writerGoesOn(inner: OcrService, meanwhile: () => void): OcrService {
  let first = true;
  return {
    recognize: (input, options, submit) => {
      if (first) meanwhile();
      first = false;
      return inner.recognize(input, options, submit);
    },
    cancel: (id) => inner.cancel(id),
    get status() {
      return inner.status;
    },
    onStatus: (cb) => inner.onStatus(cb),
    prewarm: () => inner.prewarm(),
  };
}

describe('watch: a writer that pauses', () => {
  it('a half-written PNG read while its writer paused is read again when it goes on: never failed', async () => {
    const { dir, cleanup } = tempDir();
    const png = await sharp(PLATE).png().toBuffer();
    const half = Math.floor(png.length / 2);
    const file = path.join(dir, 'scan.png');
    // The second half is written while the engine reads the first (which alone is not a decodable PNG).
    const h = harness(
      writerGoesOn(service(), () => appendFileSync(file, png.subarray(half))),
      ':memory:',
    );
    try {
      await h.manager.start();
      const folder = await h.manager.add(dir, { formats: ['txt'] });
      writeFileSync(file, png.subarray(0, half));
      const done = await h.waitDone(file, 1, 60000);
      assert.equal(done.text, PLATE_TEXT);
      assert.deepEqual(
        h.outcomes.filter((o) => o.state === 'failed'),
        [],
        'the half-written read is not a failure',
      );
      const waited = h.events.find(
        (e) => e.type === 'file' && e.state === 'queued' && e.message?.includes('still being written'),
      );
      assert.ok(waited, 'the file was seen half-written and queued again');
      assert.equal(h.ledger.counts(folder.id).failed, 0);
    } finally {
      await h.close();
      cleanup();
    }
  });

  it('a half-written PNG nobody writes to again is read as far as it goes, with IMAGE_TRUNCATED, as an old cut one is', async () => {
    const { dir, cleanup } = tempDir();
    const png = await sharp(PLATE).png().toBuffer();
    const h = harness(service(), ':memory:');
    try {
      await h.manager.start();
      await h.manager.add(dir, { formats: ['json'] });
      const fresh = path.join(dir, 'fresh.png');
      const old = path.join(dir, 'old.png');
      // Cut at another byte: the same bytes would be taken as the other file's duplicate, not read.
      writeFileSync(old, png.subarray(0, png.length / 2 + 16));
      const hourAgo = new Date(Date.now() - 3600_000);
      utimesSync(old, hourAgo, hourAgo);
      writeFileSync(fresh, png.subarray(0, png.length / 2));
      const [a, b] = await Promise.all([fresh, old].map((f) => h.waitDone(f, 1, 60000)));
      for (const f of [fresh, old]) {
        const json = JSON.parse(readFileSync(`${f}.json`, 'utf8')) as { warnings?: { code: string }[] };
        assert.deepEqual(
          json.warnings?.map((w) => w.code),
          ['IMAGE_TRUNCATED'],
          path.basename(f),
        );
      }
      assert.equal(h.outcomes.filter((o) => o.state === 'failed').length, 0);
      // The recent one was watched for its writer for a while before it was taken as cut short (the old one is not).
      assert.ok(a!.ms >= 2000, `fresh read after ${a!.ms} ms`);
      assert.ok(b!.ms < 2000, `old read after ${b!.ms} ms`);
    } finally {
      await h.close();
      cleanup();
    }
  });
});

describe('writtenAgain', () => {
  it('sees a recent file written to within the window; not an unchanged, a deleted or an old one', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const f = path.join(dir, 'f.bin');
      writeFileSync(f, 'abc');
      const seen = writtenAgain(f, { size: 3, mtimeMs: statSync(f).mtimeMs }, 600_000);
      appendFileSync(f, 'def');
      assert.equal(await seen, true);
      writeFileSync(f, 'abc');
      const st = { size: 3, mtimeMs: statSync(f).mtimeMs };
      assert.equal(await writtenAgain(f, st, 300), false, 'unchanged through the window');
      // An old file is not watched at all: with a ten-minute window this would otherwise outlast the test.
      assert.equal(await writtenAgain(f, { size: 3, mtimeMs: Date.now() - 3600_000 }, 600_000), false);
      const gone = writtenAgain(f, st, 600_000);
      rmSync(f);
      assert.equal(await gone, false, 'deleted meanwhile');
    } finally {
      cleanup();
    }
  });
});
