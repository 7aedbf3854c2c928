import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import net, { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { exactMatch } from '../../app/eval/metrics';
import { WORK_PIXELS } from '../../app/ocr/working-size';
import { fixture, groundTruth } from '../helpers/fixtures';
import { until } from '../helpers/http';
import { img2pdf } from '../helpers/pdf-fixtures';
import { head } from '../helpers/raw-http';

/** `serve --port 0` as a child: its output so far, its URL and token once printed, and its exit code. */
async function startServe(extra: readonly string[] = []) {
  const child = spawn(process.execPath, ['dist/node/serve.mjs', '--port', '0', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const io = { out: '', err: '' };
  child.stdout.on('data', (c: Buffer) => (io.out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (io.err += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  await until(() => /serving on http/.test(io.out), 20000);
  const m = /serving on (http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)/.exec(io.out);
  assert.ok(m, io.out);
  return { child, io, exited, base: m[1]!, token: m[2]! };
}

/** `startServe`, resolved once the engine is warm (`/ready` answers 200). */
async function startReadyServe(extra: readonly string[] = []) {
  const s = await startServe(extra);
  await until(async () => (await fetch(`${s.base}/ready`)).status === 200, 60000);
  return s;
}

/** A temporary folder for the test's files, removed after it. */
function tempDir(t: { after: (fn: () => void) => void }, prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** POST /ocr with a file's bytes. */
const postOcr = (base: string, token: string, body: Buffer<ArrayBuffer>, type: string) =>
  fetch(`${base}/ocr`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });

test(
  'serve prints its URL with the token, serves, and stops cleanly on SIGTERM with in-flight work answered',
  { timeout: 90000 },
  async () => {
    const { child, io, exited, base, token } = await startReadyServe();
    const bytes = await readFile(fixture('plate_000.jpg'));
    const inFlight = Array.from({ length: 6 }, () => postOcr(base, token, bytes, 'image/jpeg'));
    // SIGTERM once the server has accepted all six (each holds a slot or was answered): they must still be answered.
    // A request still on its way when the signal lands is refused, legitimately, as `late` below.
    const accepted = async () => {
      const m = await (
        await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } })
      ).text();
      const holding = Number(/^lantern_http_in_progress (\d+)$/m.exec(m)?.[1] ?? 0);
      const answered = [...m.matchAll(/^lantern_http_requests_total\{route="\/ocr",[^}]*\} (\d+)$/gm)];
      return holding + answered.reduce((n, [, v]) => n + Number(v), 0) >= inFlight.length;
    };
    await until(accepted, 30000, 2);
    child.kill('SIGTERM');
    // The signal is handled asynchronously: a request that reaches the server before it has is served, legitimately.
    await until(() => /SIGTERM: stopping/.test(io.err), 10000, 2);
    const late = await postOcr(base, token, bytes, 'image/jpeg').catch(() => null);
    if (late) assert.equal(late.status, 503, 'a request arriving after SIGTERM is refused, not lost');
    for (const res of await Promise.all(inFlight)) {
      assert.equal(res.status, 200);
      assert.ok(exactMatch((await res.json()).text, groundTruth('plate_000.jpg')));
    }
    assert.equal(await exited, 0);
    await assert.rejects(fetch(`${base}/health`));
    // A stop is logged as one, not as an idle unload (the published state of a stopped engine is "unloaded").
    assert.match(io.err, / info engine stopped$/m);
    assert.doesNotMatch(io.err, /engine unloaded/);
  },
);

test('auth cannot be switched off beyond loopback', () => {
  const r = spawnSync(
    process.execPath,
    ['dist/node/serve.mjs', '--host', '0.0.0.0', '--port', '0', '--no-auth'],
    { encoding: 'utf8', timeout: 20000 },
  );
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /--no-auth is refused when bound to 0\.0\.0\.0: only on a loopback address/);
  // Refused as an argument, before any engine is started for nothing.
  assert.doesNotMatch(`${r.stdout}${r.stderr}`, /engine (starting|loading)/);
});

test("a watch ledger the file system will not open is one line naming its file and its disk's free space, exit 1", async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-ledger-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // SQLite alone said "disk I/O error" for a full disk, and nothing of where.
  const ledger = path.join(dir, 'out', '.lantern-ledger.db');
  mkdirSync(ledger, { recursive: true });
  mkdirSync(path.join(dir, 'in'));
  const child = spawn(
    process.execPath,
    ['dist/node/serve.mjs', '--port', '0', '--watch', path.join(dir, 'in'), '--out', path.join(dir, 'out')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  assert.equal(code, 1);
  assert.match(
    err,
    new RegExp(`^serve: cannot open the watch ledger ${ledger}: .* \\(\\d+ KiB free on its disk\\)$`, 'm'),
  );
  assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
});

test('a busy port is one line that says what to do, exit 1; --help explains every option on stdout', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const { port } = blocker.address() as AddressInfo;
  try {
    const child = spawn(process.execPath, ['dist/node/serve.mjs', '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    assert.equal(code, 1);
    assert.match(err, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use.*--port ${port + 1}`));
    assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
  } finally {
    blocker.close();
  }
  const help = spawnSync(process.execPath, ['dist/node/serve.mjs', '--help'], {
    encoding: 'utf8',
    timeout: 20000,
  });
  assert.equal(help.status, 0);
  for (const flag of ['--host', '--port', '--token', '--no-auth', '--provider', '--watch', '--out', '--data'])
    assert.match(help.stdout, new RegExp(`^  ${flag}\\b.*\\w{3,}`, 'm'), `${flag} is explained`);
});

test(
  'serve reads a PDF on its document thread; a poster-sized page is rendered at the working size, not 100 MP',
  { timeout: 120000 },
  async (t) => {
    const dir = tempDir(t, 'lantern-serve-pdf-');
    // A scanned receipt on a 100 × 100 inch page: 72 dpi alone would be 52 MP.
    const pdf = path.join(dir, 'poster.pdf');
    execFileSync('img2pdf', ['--pagesize', '100inx100in', fixture('sroie_006.jpg'), '-o', pdf]);
    const { child, io, exited, base, token } = await startServe();
    try {
      const res = await postOcr(base, token, await readFile(pdf), 'application/pdf');
      assert.equal(res.status, 200, await res.clone().text());
      const doc = (await res.json()) as { pages: { width: number; height: number; text: string }[] };
      const [page] = doc.pages;
      assert.ok(page!.width * page!.height <= WORK_PIXELS, `${page!.width}×${page!.height}`);
      assert.match(page!.text, /SOON HUAT MACHINERY/);
      assert.doesNotMatch(io.err, /read on the server's own thread/);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  },
);

test(
  'SIGTERM with a hung engine: what remains is answered 503 ENGINE_STOPPED, the worker is killed, exit 0',
  { timeout: 90000 },
  async () => {
    const { child, io, exited, base, token } = await startReadyServe(['--grace-ms', '1500']);
    const pid = ((await (await fetch(`${base}/health`)).json()) as { engine_pid: number }).engine_pid;
    const alive = (p: number) => {
      try {
        process.kill(p, 0);
        return true;
      } catch {
        return false;
      }
    };
    process.kill(pid, 'SIGSTOP'); // a hang: it neither answers nor exits when asked to
    try {
      const bytes = await readFile(fixture('plate_000.jpg'));
      const pending = Array.from({ length: 2 }, () => postOcr(base, token, bytes, 'image/jpeg'));
      await until(async () => (await (await fetch(`${base}/health`)).json()).queue >= 2, 20000);
      child.kill('SIGTERM');
      for (const res of await Promise.all(pending)) {
        assert.equal(res.status, 503);
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'ENGINE_STOPPED');
      }
      assert.equal(await exited, 0, io.err);
      assert.equal(alive(pid), false, 'the stopped worker was killed, not left behind');
    } finally {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  },
);

test(
  'SIGTERM with no grace while pages are read: the worker finishes the page it is on before it releases the models',
  { timeout: 90000 },
  async () => {
    const { child, io, exited, base, token } = await startReadyServe(['--grace-ms', '0']);
    const bytes = await readFile(fixture('news-three-column.png'));
    const pending = Array.from({ length: 4 }, () =>
      postOcr(base, token, bytes, 'image/png').catch(() => null),
    );
    await until(async () => (await (await fetch(`${base}/health`)).json()).queue >= 4, 20000);
    child.kill('SIGTERM');
    for (const res of await Promise.all(pending)) if (res) assert.equal(res.status, 503);
    assert.equal(await exited, 0, io.err);
    // Sessions released under a running inference end the worker with SIGABRT ("terminate called … Napi::Error").
    assert.doesNotMatch(io.err, /terminate called|Napi::Error|SIGABRT/);
  },
);

test(
  'SIGTERM while a document is read: its remaining pages are still read within the grace period (200, every page)',
  { timeout: 120000 },
  async (t) => {
    const dir = tempDir(t, 'lantern-term-doc-');
    const pages = ['sroie_006.jpg', 'plate_000.jpg', 'sroie_006.jpg', 'plate_000.jpg'].map(fixture);
    const pdf = await readFile(img2pdf(pages, path.join(dir, 'four.pdf')));
    const { child, io, exited, base, token } = await startReadyServe(['--grace-ms', '60000']);
    const answer = postOcr(base, token, pdf, 'application/pdf');
    // SIGTERM once the document's first page is at the engine: the next three are submitted after it.
    await until(async () => (await (await fetch(`${base}/health`)).json()).queue >= 1, 30000, 5);
    child.kill('SIGTERM');
    const res = await answer;
    assert.equal(res.status, 200, await res.clone().text());
    const doc = (await res.json()) as { pages: { text?: string; error?: unknown }[] };
    assert.equal(doc.pages.length, 4);
    assert.ok(
      doc.pages.every((p) => p.error === undefined && (p.text ?? '').length > 0),
      JSON.stringify(doc.pages.map((p) => p.error ?? 'read')),
    );
    assert.equal(await exited, 0, io.err);
  },
);

test(
  "503s are logged: a code's first one at once with its request id, those after it as a count, never one line each",
  { timeout: 90000 },
  async () => {
    const { child, io, exited, base, token } = await startServe(['--max-held-mb', '1']);
    const port = Number(new URL(base).port);
    // An upload that declares 1 MiB and sends none of it holds the whole budget of bodies in memory.
    const holder = net.connect(port, '127.0.0.1');
    holder.on('error', () => {}); // destroyed below
    await once(holder, 'connect');
    holder.write(
      head('POST', '/ocr', {
        host: `127.0.0.1:${port}`,
        authorization: `Bearer ${token}`,
        'content-type': 'image/jpeg',
        'content-length': 2 ** 20,
      }),
    );
    const metrics = async () =>
      (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
    await until(async () => /^lantern_http_in_progress 1$/m.test(await metrics()));
    const refused = 40;
    for (let i = 0; i < refused; i++) {
      const res = await fetch(`${base}/ocr`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'image/jpeg',
          'x-request-id': `flood-${i}`,
        },
        body: new Uint8Array(16),
      });
      assert.equal(res.status, 503);
      await res.arrayBuffer();
    }
    holder.destroy();
    // Stopping writes out the count still pending.
    child.kill('SIGTERM');
    assert.equal(await exited, 0, io.err);
    const lines = io.err.split('\n');
    const one = / warn POST \/ocr 503 QUEUE_FULL \(request (flood-\d+)\): too many request bodies in memory /;
    const count =
      / warn 503 QUEUE_FULL: (\d+) more, not logged one by one \(the last: POST \/ocr, request flood-\d+\)$/;
    const logged = lines.filter((l) => one.test(l) || count.test(l));
    assert.equal(one.exec(logged[0] ?? '')?.[1], 'flood-0', io.err);
    // Every 503 is in the log, one by one or counted; after a line of its own, the next is a count.
    const total = logged.reduce((n, l) => n + (one.test(l) ? 1 : Number(count.exec(l)![1])), 0);
    assert.equal(total, refused, io.err);
    logged.forEach((l, i) => {
      if (i > 0 && one.test(l)) assert.match(logged[i - 1]!, count, 'two 503 lines of their own in a row');
    });
    assert.ok(logged.length < refused / 4, io.err);
  },
);

test(
  '`npm run serve` stopped with SIGTERM (a supervisor, a script, CI) stops serve and its engine, not only npm',
  { timeout: 180000 },
  async () => {
    // As an operator runs it: npm runs the script in a shell, and forwards SIGTERM to that shell only.
    const npm = spawn('npm', ['run', 'serve', '--', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    npm.stdout.on('data', (c: Buffer) => (out += c.toString()));
    npm.stderr.on('data', (c: Buffer) => (out += c.toString()));
    // Every process that holds npm's output (npm, its shell, serve) has exited once the pipes close.
    const closed = new Promise<void>((r) => npm.on('close', () => r()));
    // An exited orphan may wait a moment to be reaped by init: a zombie (state Z) has exited.
    const alive = (p: number) => {
      try {
        return readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
      } catch {
        return false;
      }
    };
    const children = (p: number) =>
      spawnSync('pgrep', ['-P', String(p)], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter(Boolean)
        .map(Number);
    const started: number[] = [];
    try {
      await until(() => /serving on http/.test(out), 120000);
      const base = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
      await until(async () => (await fetch(`${base}/ready`)).status === 200, 60000);
      const engine = ((await (await fetch(`${base}/health`)).json()) as { engine_pid: number }).engine_pid;
      const serve = children(npm.pid!).flatMap(children);
      assert.equal(serve.length, 1, `serve runs under npm's shell: ${out}`);
      started.push(serve[0]!, engine);
      npm.kill('SIGTERM');
      const left = await Promise.race([
        closed.then(() => 'stopped'),
        // Only a bound for the failure message: nothing waits on time when serve stops.
        new Promise<string>((r) => setTimeout(() => r('still running'), 60000).unref()),
      ]);
      assert.equal(left, 'stopped', out);
      assert.deepEqual(started.filter(alive), [], 'serve and its engine are gone');
      assert.match(out, /stopping \(grace/);
    } finally {
      for (const p of started) if (alive(p)) process.kill(p, 'SIGKILL');
    }
  },
);

test(
  'a log reader that goes away (a closed pipe) does not crash serve: SIGTERM still stops it cleanly, exit 0',
  { timeout: 90000 },
  async () => {
    const { child, exited } = await startReadyServe();
    // As when the pipe serve logs into loses its reader (a log shipper restarted, a CI step that stopped reading).
    child.stderr.destroy();
    await once(child.stderr, 'close');
    child.kill('SIGTERM'); // "SIGTERM: stopping" is then written into the closed pipe
    assert.equal(await exited, 0);
  },
);
