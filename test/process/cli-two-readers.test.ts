import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { LaneReaders } from '../../app/cli/lane-readers';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { fixture } from '../helpers/fixtures';
import { img2pdf } from '../helpers/pdf-fixtures';
import { tempFolder } from '../helpers/temp-folder';

const dir = tempFolder('lantern-cli-readers-');
const pdf = img2pdf(
  ['plate_000.jpg', 'sroie_006.jpg', 'zhscreen_04_chat_ftp.png', 'plate_051.jpg', 'ic15_test_img_9.jpg'].map(
    fixture,
  ),
  path.join(dir, 'five.pdf'),
);
// A five-page scan, two images and a file that is no image between them: 8 pages known once the scan is open.
const inputs = [pdf, fixture('plate_003.jpg'), fixture('SOURCES.md'), fixture('ic15_test_img_1.jpg')];

const cli = (lanes: 'auto' | '1' | '2', args: readonly string[]) =>
  spawnSync(process.execPath, ['dist/node/cli.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANTERN_LANES: lanes, LANTERN_DEBUG: '1' },
  });

/** Output rows without their timings (the only part that may differ between runs). */
const rows = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => {
      const { ms: _ms, ...row } = JSON.parse(l) as Record<string, unknown>;
      return row;
    });

test('many pages on lane threads: the same JSON lines in the same order as one reader, the bad file alone', () => {
  const one = cli('1', ['--format', 'json', ...inputs]);
  const two = cli('auto', ['--format', 'json', ...inputs]);
  assert.equal(one.status, 1, one.stderr);
  assert.equal(two.status, 1, two.stderr);
  assert.match(one.stderr, /readers: 1\n/);
  // Both lanes read pages: each read at least the page it was started for.
  const shared = /main read (\d+) pages, lanes read (\d+) and (\d+) \(ready after \d+ ms\)/.exec(two.stderr);
  assert.ok(shared, two.stderr);
  const [main, laneA, laneB] = shared.slice(1).map(Number);
  assert.equal(main! + laneA! + laneB!, 7);
  assert.ok(laneA! >= 1 && laneB! >= 1, two.stderr);
  const a = rows(one.stdout);
  assert.deepEqual(rows(two.stdout), a);
  assert.deepEqual(
    a.map((r) => r.file),
    inputs,
  );
  assert.deepEqual(
    a.map((r) => (r.error as { code?: string } | undefined)?.code ?? null),
    [null, null, 'BAD_IMAGE', null],
  );
  assert.match(String(a[0]!.text), /L3N67[^\f]*\n\f[^\f]*\n\f[^\f]*ftp[^\f]*\n\f[^\f]*\n\f/u);
});

test('text and searchable PDFs on lane threads (LANTERN_LANES=2: from the second page) are those of one reader', () => {
  const outs = { '1': path.join(dir, 'one'), '2': path.join(dir, 'two') } as const;
  const run = (lanes: '1' | '2') =>
    cli(lanes, ['--format', 'text', '--searchable-pdf', outs[lanes], ...inputs]);
  const one = run('1');
  const two = run('2');
  assert.equal(one.status, 1);
  assert.equal(two.status, 1);
  assert.equal(two.stdout, one.stdout);
  const errors = (s: string) => s.split('\n').filter((l) => !l.startsWith('lantern: readers'));
  assert.deepEqual(errors(two.stderr), errors(one.stderr));
  assert.match(one.stderr, /SOURCES\.md: BAD_IMAGE/);
  const pdfs = readdirSync(outs['2']).sort();
  assert.deepEqual(pdfs, readdirSync(outs['1']).sort());
  assert.equal(pdfs.length, 3);
  for (const f of pdfs) {
    const text = (d: string) => execFileSync('pdftotext', [path.join(d, f), '-'], { encoding: 'utf8' });
    assert.equal(text(outs['2']), text(outs['1']), f);
  }
});

test('a single image stays on the main thread: the lanes are never started, even under LANTERN_LANES=2', () => {
  const r = cli('2', ['--format', 'json', fixture('plate_000.jpg')]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /main read 1 pages, lanes read 0 and 0 \(not started\)/);
});

test('lanes that cannot start leave every page to the main thread, read as before', async () => {
  const pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
  const alone = await pipeline.recognize(readFileSync(fixture('plate_000.jpg')));
  const two = new LaneReaders(pipeline, 1, new URL('file:///no/such/lane-thread.mjs'), modelsDir());
  two.want();
  const names = ['plate_000.jpg', 'plate_003.jpg', 'ic15_test_img_1.jpg'];
  const results = await Promise.all(names.map((n) => two.recognize(readFileSync(fixture(n)))));
  // The pages go on to the main thread once the lanes have failed (the pages claimed for them included).
  const report = two.report();
  assert.equal(report.main, names.length);
  assert.deepEqual(report.lanes, [0, 0]);
  assert.ok(report.laneError, 'the start failure is reported');
  assert.equal(results[0]!.text, alone.text);
  assert.deepEqual(
    results[0]!.lines.map((l) => l.box),
    alone.lines.map((l) => l.box),
  );
  await two.release();
});

test('lanes that die with pages on them give those pages back to the main thread, read as by one reader', async () => {
  const pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
  const names = ['plate_000.jpg', 'plate_003.jpg', 'ic15_test_img_1.jpg', 'sroie_006.jpg'];
  const alone: string[] = [];
  for (const n of names) alone.push((await pipeline.recognize(readFileSync(fixture(n)))).text);
  const lanes = new LaneReaders(
    pipeline,
    1,
    new URL('../helpers/dying-lane.mjs', import.meta.url),
    modelsDir(),
  );
  // Wanted before the pages come, as the CLI does: the main thread takes the first that arrives, and pages that arrive
  // while it reads (ic15 and sroie take far longer to read than any of these to decode) go to the lanes, which die.
  lanes.want();
  const reads = names.map((n) => lanes.recognize(readFileSync(fixture(n))));
  const texts = (await Promise.all(reads)).map((r) => r.text);
  const report = lanes.report();
  assert.equal(report.laneError, 'exited with code 3', JSON.stringify(report));
  assert.equal(report.main, names.length);
  assert.deepEqual(report.lanes, [0, 0]);
  assert.deepEqual(texts, alone);
  await lanes.release();
});
