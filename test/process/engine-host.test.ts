import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { LanternError } from '../../app/contracts/errors';
import { exactMatch } from '../../app/eval/metrics';
import { readManifest } from '../../app/models/load';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import type { OcrResult } from '../../app/ocr/types';
import { expectedRecVariant } from '../helpers/expected-provider';
import { makeHost, recordStates, stopHosts, waitForState, waitForStatus } from '../helpers/engine';
import { fixture, groundTruth } from '../helpers/fixtures';

after(stopHosts);

/** A copy of the models with the recognition model corrupted (the worker dies at every start). */
async function corruptModels() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lantern-bad-models-'));
  const files = (await readManifest(modelsDir())).packs[0]!.files;
  await copyFile(path.join(modelsDir(), 'manifest.json'), path.join(dir, 'manifest.json'));
  for (const f of Object.values(files))
    await copyFile(path.join(modelsDir(), f.file), path.join(dir, f.file));
  await writeFile(path.join(dir, files.rec.file), 'corrupt');
  return { dir, files };
}

const bytesOf = async (name: string) => new Uint8Array(await readFile(fixture(name)));

test('the worker loads once, warms up, reports timings and provider, and matches the in-process pipeline', async () => {
  const { host } = makeHost();
  const states = recordStates(host);
  host.start();
  const ready = await waitForState(host, 'ready');
  assert.deepEqual(states.slice(0, 4), ['unloaded', 'starting', 'loading', 'warming']);
  assert.equal(ready.provider, 'cpu');
  assert.match(ready.providerSummary ?? '', /^CPU/);
  assert.equal(ready.recVariant, expectedRecVariant());
  assert.ok(ready.loadMs!.det > 0 && ready.loadMs!.cls > 0 && ready.loadMs!.rec > 0);
  assert.ok(ready.warmupMs! > 0 && ready.readyMs! > ready.warmupMs!);
  assert.ok(ready.modelLoaded && typeof ready.pid === 'number');
  if (process.platform === 'linux') {
    // The launcher's malloc settings (malloc-tunables.ts) reached the real worker process.
    const environ = (await readFile(`/proc/${ready.pid}/environ`, 'utf8')).split('\0');
    assert.ok(
      environ.some((e) => /^GLIBC_TUNABLES=.*glibc\.malloc\.arena_max=1/.test(e)),
      'GLIBC_TUNABLES not set',
    );
    // So did its V8 flags (v8-flags.ts), ahead of the script.
    const argv = (await readFile(`/proc/${ready.pid}/cmdline`, 'utf8')).split('\0');
    assert.ok(argv.includes('--max-semi-space-size=8'), `worker argv: ${argv.join(' ')}`);
  }
  const bytes = await bytesOf('zhscreen_04_chat_ftp.png');
  const viaWorker = await host.recognize({ kind: 'bytes', name: 'zh.png', bytes });
  const local = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
  const inProcess = await local.recognize(bytes);
  await local.release();
  assert.equal(viaWorker.text, inProcess.text);
  assert.deepEqual(
    viaWorker.lines.map((l) => l.box),
    inProcess.lines.map((l) => l.box),
  );
  assert.equal(viaWorker.file, 'zh.png');
  const byPath = await host.recognize({ kind: 'path', path: fixture('plate_000.jpg') });
  assert.ok(exactMatch(byPath.text, groundTruth('plate_000.jpg')));
  await assert.rejects(
    host.recognize({ kind: 'path', path: '/no/such.png' }),
    (e: unknown) => e instanceof LanternError && e.code === 'FILE_NOT_FOUND',
  );
  // A named pipe no one writes to is refused at once (the worker never waits on a writer), and so is a folder.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lantern-not-files-'));
  execFileSync('mkfifo', [path.join(dir, 'pipe.png')]);
  for (const [at, what] of [
    [path.join(dir, 'pipe.png'), 'a named pipe'],
    [dir, 'a folder'],
  ] as const)
    await assert.rejects(
      host.recognize({ kind: 'path', path: at }),
      (e: unknown) => e instanceof LanternError && e.code === 'FILE_UNREADABLE' && e.message.includes(what),
    );
  await rm(dir, { recursive: true });
  await assert.rejects(
    host.recognize({ kind: 'bytes', bytes: new TextEncoder().encode('nope') }),
    (e: unknown) => e instanceof LanternError && e.code === 'BAD_IMAGE',
  );
  const st = await host.selfTest();
  assert.equal(st.ok, true, st.text);
  await host.stop();
  assert.equal(host.status.pid, null);
});

test('SIGKILL of the worker during 50 requests: it restarts and all 50 are answered exactly once, correctly', async () => {
  const { host } = makeHost();
  host.start();
  const first = await waitForState(host, 'ready');
  const bytes = await bytesOf('plate_000.jpg');
  const answers = new Map<number, number>();
  let done = 0;
  const all = Array.from({ length: 50 }, (_, i) =>
    host.recognize({ kind: 'bytes', bytes }).then((r) => {
      answers.set(i, (answers.get(i) ?? 0) + 1);
      done++;
      return r;
    }),
  );
  while (done < 10) await new Promise((r) => setTimeout(r, 5));
  process.kill(first.pid!, 'SIGKILL');
  const results = await Promise.all(all);
  assert.equal(results.length, 50);
  assert.equal(answers.size, 50);
  assert.ok([...answers.values()].every((n) => n === 1));
  for (const r of results) assert.ok(exactMatch(r.text, groundTruth('plate_000.jpg')), r.text);
  assert.equal(host.status.restarts, 1);
  assert.notEqual(host.status.pid, first.pid);
  await host.stop();
});

test('SIGSTOP: detected as hung within the deadline, killed, restarted; queued requests answered', async () => {
  const { host } = makeHost({ heartbeatMs: 200, hangTimeoutMs: 1500 });
  const states = recordStates(host);
  host.start();
  const first = await waitForState(host, 'ready');
  const bytes = await bytesOf('plate_000.jpg');
  process.kill(first.pid!, 'SIGSTOP');
  const stoppedAt = Date.now();
  const pending = Array.from({ length: 5 }, () => host.recognize({ kind: 'bytes', bytes }));
  await waitForState(host, 'hung', 10000);
  const detectedMs = Date.now() - stoppedAt;
  assert.ok(detectedMs < 1500 + 2 * 200 + 500, `hang detected after ${detectedMs} ms`);
  const results = await Promise.all(pending);
  for (const r of results) assert.ok(exactMatch(r.text, groundTruth('plate_000.jpg')));
  assert.ok(states.includes('restarting'));
  assert.equal(host.status.state, 'ready');
  assert.equal(host.status.restarts, 1);
  assert.equal(host.status.error?.code, 'TIMEOUT');
  await host.stop();
});

test('a worker that dies at start every time (corrupt model) ends in error after bounded tries; retry recovers', async () => {
  const { dir, files } = await corruptModels();
  try {
    const { host } = makeHost({
      modelsDir: dir,
      crashPolicy: { maxCrashes: 3, windowMs: 60000, baseBackoffMs: 50 },
    });
    let launches = 0;
    host.onStatus((s) => s.state === 'starting' && launches++);
    host.start();
    const err = await waitForState(host, 'error', 30000);
    assert.equal(launches, 3);
    assert.match(err.error!.message, /corrupt/);
    assert.match(err.error!.message, new RegExp(files.rec.file.replace(/\./g, '\\.')));
    await assert.rejects(
      host.recognize({ kind: 'bytes', bytes: await bytesOf('plate_000.jpg') }),
      (e: unknown) => e instanceof LanternError && e.code === 'ENGINE_UNAVAILABLE',
    );
    await copyFile(path.join(modelsDir(), files.rec.file), path.join(dir, files.rec.file));
    host.retry();
    await waitForState(host, 'ready');
    await host.stop();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('unload after idle, then prewarm(): the next request finds the engine warm', async () => {
  const { host } = makeHost({ idlePolicy: { kind: 'unload-after', minutes: 0.02 } });
  host.start();
  const first = await waitForState(host, 'ready');
  const unloaded = await waitForStatus(host, (s) => s.state === 'unloaded' && s.pid === null, 10000);
  assert.equal(unloaded.pid, null);
  assert.equal(unloaded.modelLoaded, false);
  // Unloaded still takes work (a request loads the models again): an orchestrator that sent no traffic to a pod that is
  // not ready would never wake it.
  assert.deepEqual(host.probe(), { ready: true, live: true, reason: null });
  host.prewarm();
  const warm = await waitForState(host, 'ready');
  assert.notEqual(warm.pid, first.pid);
  assert.ok(warm.warmupMs! > 0);
  const r = await host.recognize({ kind: 'bytes', bytes: await bytesOf('plate_000.jpg') });
  assert.ok(exactMatch(r.text, groundTruth('plate_000.jpg')));
  assert.equal(host.status.restarts, 0, 'unloading is not a crash');
  await host.stop();
});

test('switching the idle policy back to always-warm while unloaded loads the models again at once', async () => {
  const { host } = makeHost({ idlePolicy: { kind: 'unload-after', minutes: 0.02 } });
  host.start();
  const first = await waitForState(host, 'ready');
  await waitForStatus(host, (s) => s.state === 'unloaded' && s.pid === null, 10000);
  host.reconfigure({ idlePolicy: { kind: 'always-warm' } });
  // The setting says "always warm": the status must not go on saying unloaded until some request happens to come.
  assert.equal(host.status.state, 'starting');
  const warm = await waitForState(host, 'ready');
  assert.notEqual(warm.pid, first.pid);
  assert.deepEqual(warm.idlePolicy, { kind: 'always-warm' });
  assert.equal(host.status.restarts, 0, 'loading again is not a restart');
  await host.stop();
});

test('a new thread count reloads the worker: not a crash or a restart, and every request is answered', async () => {
  const { host } = makeHost();
  host.start();
  const first = await waitForState(host, 'ready');
  const seen = recordStates(host);
  const bytes = await bytesOf('plate_000.jpg');
  const answers: Promise<OcrResult>[] = [];
  let pid = first.pid;
  // Four changes in a row, more than the crash budget (three in a minute), each with requests in the queue.
  for (const threads of [1, 2, 1, 2]) {
    answers.push(...Array.from({ length: 4 }, () => host.recognize({ kind: 'bytes', bytes })));
    host.reconfigure({ threads });
    const next = await waitForStatus(host, (s) => s.modelLoaded && s.pid !== pid);
    pid = next.pid;
  }
  const results = await Promise.all(answers);
  for (const r of results) assert.ok(exactMatch(r.text, groundTruth('plate_000.jpg')), r.text);
  assert.equal(host.status.restarts, 0, 'a settings change is not a restart');
  assert.equal(host.status.error, null);
  for (const bad of ['crashed', 'restarting', 'error'] as const)
    assert.ok(!seen.includes(bad), seen.join(' → '));
  assert.ok(seen.includes('loading') && seen.includes('warming'), seen.join(' → '));
  // The same settings again change nothing.
  host.reconfigure({ threads: 2 });
  assert.equal(host.status.pid, pid);
  await host.stop();
});

test('interactive requests go before batch work; a queued request can be cancelled', async () => {
  const { host } = makeHost({ maxInFlight: 1 });
  host.start();
  await waitForState(host, 'ready');
  const bytes = await bytesOf('plate_000.jpg');
  const order: string[] = [];
  const batch = Array.from({ length: 4 }, (_, i) =>
    host.recognize({ kind: 'bytes', bytes }, {}, { priority: 'batch' }).then(() => order.push(`b${i}`)),
  );
  const cancelled = host.recognize(
    { kind: 'bytes', bytes },
    {},
    { priority: 'batch', requestId: 'to-cancel' },
  );
  const interactive = host
    .recognize({ kind: 'bytes', bytes }, {}, { priority: 'interactive' })
    .then(() => order.push('i'));
  assert.equal(host.cancel('to-cancel'), true);
  assert.equal(host.cancel('unknown'), false);
  await assert.rejects(cancelled, (e: unknown) => e instanceof LanternError && e.code === 'CANCELLED');
  await Promise.all([...batch, interactive]);
  assert.ok(order.indexOf('i') <= 1, `interactive ran at ${order.indexOf('i')}: ${order.join(',')}`);
  await host.stop();
});

test('after a crash loop the host heals itself with a longer back-off; liveness fails only once self-heal is exhausted', async () => {
  const { dir, files } = await corruptModels();
  try {
    const logged: string[] = [];
    const { host } = makeHost({
      modelsDir: dir,
      crashPolicy: { maxCrashes: 2, baseBackoffMs: 20, healBaseMs: 200, healMaxMs: 400, maxHeals: 2 },
      log: (level, message) => logged.push(`${level} ${message}`),
    });
    let errors = 0;
    let liveInFirstError: boolean | null = null;
    host.onStatus((s) => {
      if (s.state !== 'error') return;
      errors++;
      if (errors === 1) liveInFirstError = host.probe().live;
    });
    host.start();
    await waitForStatus(host, () => errors >= 2, 60000);
    assert.equal(liveInFirstError, true, 'one failed round is not yet a dead process');
    assert.equal(host.probe().live, false);
    assert.equal(host.probe().ready, false);
    // The operator whose pod is restarted by its liveness probe finds why in the log, once, with the cause.
    const dead = logged.filter((l) => l.includes('/health'));
    assert.equal(dead.length, 1, logged.join('\n'));
    assert.match(dead[0]!, /^error .*SELF_HEAL_FAILED.*corrupt/);
    await copyFile(path.join(modelsDir(), files.rec.file), path.join(dir, files.rec.file));
    await waitForState(host, 'ready', 60000);
    assert.deepEqual(host.probe(), { ready: true, live: true, reason: null });
    assert.match(logged.filter((l) => l.includes('/health')).at(-1)!, /^info .*\/health answers 200 again/);
    await host.stop();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an aborted signal drops a queued job; a running one still finishes', async () => {
  const { host } = makeHost({ maxInFlight: 1 });
  host.start();
  await waitForState(host, 'ready');
  const bytes = await bytesOf('plate_000.jpg');
  const first = new AbortController();
  const second = new AbortController();
  const running = host.recognize({ kind: 'bytes', bytes }, {}, { signal: first.signal });
  const queued = host.recognize({ kind: 'bytes', bytes }, {}, { signal: second.signal });
  assert.equal(host.status.queue, 1);
  first.abort();
  second.abort();
  await assert.rejects(queued, (e: unknown) => e instanceof LanternError && e.code === 'CANCELLED');
  assert.equal(host.status.queue, 0);
  assert.ok(exactMatch((await running).text, groundTruth('plate_000.jpg')));
  await assert.rejects(
    host.recognize({ kind: 'bytes', bytes }, {}, { signal: AbortSignal.abort() }),
    (e: unknown) => e instanceof LanternError && e.code === 'CANCELLED',
  );
  await host.stop();
});

test('stop while the worker is still loading: it drains (the queued request is answered), then no worker is left', async () => {
  const { host } = makeHost();
  host.start();
  const pid = host.status.pid!;
  assert.equal(host.status.state, 'starting');
  const answer = host.recognize({ kind: 'bytes', bytes: await bytesOf('plate_000.jpg') });
  const stopped = host.stop(120000);
  await assert.rejects(
    host.recognize({ kind: 'bytes', bytes: new Uint8Array([1]) }),
    (e: unknown) => e instanceof LanternError && e.code === 'ENGINE_STOPPED',
  );
  assert.ok(exactMatch((await answer).text, groundTruth('plate_000.jpg')));
  await stopped;
  assert.equal(host.status.detail.code, 'STOPPED');
  assert.equal(host.status.pid, null);
  assert.throws(() => process.kill(pid, 0), /ESRCH/);
});
