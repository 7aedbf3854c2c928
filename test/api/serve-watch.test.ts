import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { exactMatch } from '../../app/eval/metrics';
import { fixture, groundTruth } from '../helpers/fixtures';
import { until } from '../helpers/http';
import { img2pdf } from '../helpers/pdf-fixtures';

function startServe(inDir: string, outDir: string, extra: readonly string[] = []) {
  const child = spawn(
    process.execPath,
    ['dist/node/serve.mjs', '--port', '0', '--watch', inDir, '--out', outDir, ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = { text: '', out: '' };
  child.stderr.on('data', (c: Buffer) => (log.text += c.toString()));
  child.stdout.on('data', (c: Buffer) => (log.out += c.toString()));
  return { child, log, exited: new Promise<void>((r) => child.on('exit', () => r())) };
}

/** The first watched folder's counts, from the API of the serve whose stdout is `out`. */
async function folderCounts(out: string): Promise<{ queued: number; done: number } | undefined> {
  const m = /serving on (http:\/\/[\d.:]+)\/\?token=([\w-]+)/.exec(out);
  if (!m) return undefined;
  const res = await fetch(`${m[1]}/api/watch`, { headers: { authorization: `Bearer ${m[2]}` } });
  const [folder] = (await res.json()) as { counts: { queued: number; done: number } }[];
  return folder?.counts;
}

const texts = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith('.txt'));

/** A temporary root holding an `in` folder to watch, and where its `out` folder goes. */
async function watchRoot(prefix: string): Promise<{ root: string; inDir: string; outDir: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), prefix));
  await mkdir(path.join(root, 'in'));
  return { root, inDir: path.join(root, 'in'), outDir: path.join(root, 'out') };
}

test(
  'serve --watch: images dropped in are read; SIGKILL mid-batch and restart leaves exactly one complete output each',
  { timeout: 180000 },
  async () => {
    const { root, inDir, outDir } = await watchRoot('lantern-serve-watch-');
    try {
      let s = startServe(inDir, outDir);
      for (let i = 0; i < 30; i++)
        await copyFile(fixture('plate_000.jpg'), path.join(inDir, `plate ${i}.jpg`));
      await until(async () => (await texts(outDir).catch(() => [])).length >= 5, 90000, 20);
      s.child.kill('SIGKILL');
      await s.exited;
      const before = (await texts(outDir)).length;
      assert.ok(before < 30, `killed after ${before} outputs`);
      s = startServe(inDir, outDir);
      // Done as the ledger says (all 30 recorded, none queued or running): a file re-read after the kill may still be
      // writing its outputs when the 30th .txt appears.
      const restarted = s;
      await until(
        async () => {
          const c = await folderCounts(restarted.log.out);
          return c?.done === 30 && c.queued === 0;
        },
        120000,
        100,
      );
      const files = await readdir(outDir);
      assert.deepEqual(
        files.filter((f) => f.includes('.tmp')),
        [],
        'no half-written outputs',
      );
      assert.equal((await texts(outDir)).length, 30);
      assert.equal(files.filter((f) => f.endsWith('.json')).length, 30);
      for (const f of await texts(outDir))
        assert.ok(exactMatch(await readFile(path.join(outDir, f), 'utf8'), groundTruth('plate_000.jpg')), f);
      s.child.kill('SIGTERM');
      await s.exited;
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
);

/** `serve --watch in --out out` in a fresh temporary root for `run`, stopped and removed after it. */
async function withWatchingServe(
  prefix: string,
  run: (s: ReturnType<typeof startServe>, dirs: { inDir: string; outDir: string }) => Promise<void>,
  extra: readonly string[] = [],
): Promise<void> {
  const { root, inDir, outDir } = await watchRoot(prefix);
  const s = startServe(inDir, outDir, extra);
  try {
    await run(s, { inDir, outDir });
  } finally {
    s.child.kill('SIGTERM');
    await s.exited;
    await rm(root, { recursive: true, force: true });
  }
}

test('serve --watch logs each file: read, or failed with its code', { timeout: 120000 }, () =>
  withWatchingServe('lantern-serve-watch-log-', async (s, { inDir }) => {
    await copyFile(fixture('plate_000.jpg'), path.join(inDir, 'plate.jpg'));
    await writeFile(path.join(inDir, 'empty.png'), '');
    await copyFile(fixture('SOURCES.md'), path.join(inDir, 'notes.png'));
    // A photo cut short (a download that stopped), moved in whole: read as far as it goes, and the log says so.
    const whole = await readFile(fixture('sroie_006.jpg'));
    const cut = path.join(path.dirname(inDir), 'cut.jpg');
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    await rename(cut, path.join(inDir, 'cut.jpg'));
    await until(() => (s.log.text.match(/ watch: /g) ?? []).length >= 4, 90000, 20);
    assert.match(s.log.text, /warn watch: .*empty\.png: EMPTY_INPUT: /);
    assert.match(s.log.text, /warn watch: .*notes\.png: BAD_IMAGE: /);
    assert.match(s.log.text, /info watch: .*plate\.jpg: read \(1 page\(s\), 0 failed, \d+ ms\)\n/);
    assert.match(
      s.log.text,
      /info watch: .*cut\.jpg: read \(1 page\(s\), 0 failed, \d+ ms\); warnings: IMAGE_TRUNCATED\n/,
    );
  }),
);

test(
  'serve --watch --formats pdf,txt turns a scanned PDF dropped in into a searchable PDF and its text',
  { timeout: 120000 },
  () =>
    withWatchingServe(
      'lantern-serve-watch-pdf-',
      async (s, { inDir, outDir }) => {
        // Made beside the folder and moved in whole, as a scanner's software writes a finished file.
        const made = img2pdf([fixture('sroie_006.jpg')], path.join(path.dirname(inDir), 'scan.pdf'));
        await rename(made, path.join(inDir, 'scan.pdf'));
        await until(() => /info watch: .*scan\.pdf: read/.test(s.log.text), 90000, 20);
        assert.deepEqual((await readdir(outDir)).filter((f) => !f.startsWith('.')).sort(), [
          'scan.pdf.pdf',
          'scan.pdf.txt',
        ]);
        const layer = execFileSync('pdftotext', [path.join(outDir, 'scan.pdf.pdf'), '-'], {
          encoding: 'utf8',
        });
        assert.match(layer, /SOON HUAT/i, 'the searchable PDF carries the text');
        assert.match(await readFile(path.join(outDir, 'scan.pdf.txt'), 'utf8'), /SOON HUAT/i);
      },
      ['--formats', 'pdf,txt'],
    ),
);

test(
  'serve --watch pauses, and says so, when the output folder is deleted with the ledger in it',
  { timeout: 120000 },
  () =>
    withWatchingServe('lantern-serve-watch-gone-', async (s, { inDir, outDir }) => {
      await copyFile(fixture('plate_000.jpg'), path.join(inDir, 'first.jpg'));
      // The outcome is logged once every output and the ledger row are written: deleting on the first .txt raced the .json.
      await until(() => /info watch: .*first\.jpg: read/.test(s.log.text), 90000, 20);
      assert.equal((await texts(outDir)).length, 1);
      await rm(outDir, { recursive: true, force: true });
      await until(() => /the ledger .* was deleted .*watching is paused/.test(s.log.text), 30000, 20);
      // Paused: a file dropped now is seen and held (queued), not read into the folder whose ledger is gone.
      await copyFile(fixture('plate_000.jpg'), path.join(inDir, 'second.jpg'));
      await until(async () => (await folderCounts(s.log.out))?.queued === 1, 30000, 50);
      assert.deepEqual(await readdir(outDir).catch(() => []), []);
    }),
);

test(
  'POST /api/watch/batch OCRs a folder once, with batch events and controls',
  { timeout: 120000 },
  async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'lantern-batch-'));
    const inDir = path.join(root, 'in');
    const outDir = path.join(root, 'out');
    await mkdir(inDir);
    const child = spawn(process.execPath, ['dist/node/serve.mjs', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr.resume();
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    try {
      for (let i = 0; i < 5; i++) await copyFile(fixture('plate_000.jpg'), path.join(inDir, `p${i}.jpg`));
      await until(() => /serving on http/.test(out), 20000);
      const [, base, token] = /serving on (http:\/\/[\d.:]+)\/\?token=([\w-]+)/.exec(out)!;
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const res = await fetch(`${base}/api/watch/batch`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ dir: inDir, options: { outDir } }),
      });
      assert.equal(res.status, 202);
      const { batchId } = await res.json();
      assert.match(batchId, /^[\w-]+$/);
      await until(async () => (await texts(outDir).catch(() => [])).length === 5, 90000, 50);
      for (const f of await texts(outDir))
        assert.ok(exactMatch(await readFile(path.join(outDir, f), 'utf8'), groundTruth('plate_000.jpg')));
      const gone = await fetch(`${base}/api/watch/batch/no-such-batch`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ action: 'cancel' }),
      });
      assert.equal(gone.status, 404);
      const bad = await fetch(`${base}/api/watch/batch/${batchId}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ action: 'explode' }),
      });
      assert.equal(bad.status, 400);
      const missing = await fetch(`${base}/api/watch/batch`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ dir: path.join(root, 'nope') }),
      });
      assert.equal((await missing.json()).error.code, 'FILE_NOT_FOUND');
    } finally {
      child.kill('SIGTERM');
      await exited;
      await rm(root, { recursive: true, force: true });
    }
  },
);
