import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, test } from 'node:test';
import { LanternError } from '../../app/contracts/errors';
import type { OcrResult } from '../../app/ocr/types';
import { makeHost, stopHosts, waitForState, waitForStatus } from '../helpers/engine';
import { fixture } from '../helpers/fixtures';

after(stopHosts);

const IMAGES = ['sroie_006.jpg', 'tess_eurotext.png', 'plate_000.jpg', 'zhscreen_04_chat_ftp.png'];
const same = (a: OcrResult, b: OcrResult) => {
  assert.equal(a.text, b.text);
  assert.deepEqual(
    a.lines.map((l) => l.box),
    b.lines.map((l) => l.box),
  );
};

test('two lanes: concurrent requests are answered as sequential ones, on lane threads of half the cores; cancelling one leaves the rest; a kill with two in flight retries both', async () => {
  const logs: string[] = [];
  const { host } = makeHost({ lanes: 2, log: (_level, message) => logs.push(message) });
  host.start();
  const ready = await waitForState(host, 'ready');
  assert.equal(ready.lanes, 2);
  const inputs = await Promise.all(IMAGES.map(async (n) => new Uint8Array(await readFile(fixture(n)))));
  const recognize = (bytes: Uint8Array, i: number) =>
    host.recognize({ kind: 'bytes', name: IMAGES[i]!, bytes });
  const sequential: OcrResult[] = [];
  for (const [i, bytes] of inputs.entries()) sequential.push(await recognize(bytes, i));

  // The lane threads start when a request first waits behind a running one; rounds go on until one has answered.
  const answered = () => logs.some((l) => /recognition lane answered its first request/.test(l));
  for (let round = 0; round < 30 && !answered(); round++) {
    const results = await Promise.all(inputs.map(recognize));
    results.forEach((r, i) => same(r, sequential[i]!));
  }
  assert.ok(answered(), `no lane thread ever answered; logs: ${logs.join(' | ')}`);
  assert.ok(
    logs.some((l) => /pages at once run on 2 lane threads of 1 intra-op thread each/.test(l)),
    `the lanes did not split the cores; logs: ${logs.join(' | ')}`,
  );
  const results = await Promise.all(inputs.map(recognize));
  results.forEach((r, i) => same(r, sequential[i]!));

  // With both lanes busy, one queued request and one running request are cancelled: the others are answered as before.
  const busy = waitForStatus(host, (s) => s.inFlight === 2);
  const first = inputs.map((bytes, i) =>
    host.recognize({ kind: 'bytes', name: IMAGES[i]!, bytes }, {}, { requestId: `c${i}` }),
  );
  await busy;
  assert.equal(host.cancel('c0'), true);
  assert.equal(host.cancel('c3'), true);
  const settled = await Promise.allSettled(first);
  for (const i of [0, 3]) {
    const s = settled[i]!;
    assert.ok(s.status === 'rejected' && s.reason instanceof LanternError && s.reason.code === 'CANCELLED');
  }
  for (const i of [1, 2]) {
    const s = settled[i]!;
    assert.ok(
      s.status === 'fulfilled',
      `request ${i} failed: ${String((s as PromiseRejectedResult).reason)}`,
    );
    same(s.value, sequential[i]!);
  }
  (await Promise.all(inputs.map(recognize))).forEach((r, i) => same(r, sequential[i]!));

  // Killed the moment both requests are with the worker: each is retried once on the new worker and answered.
  const pid = host.status.pid!;
  const killed = waitForStatus(host, (s) => s.inFlight === 2).then(() => process.kill(pid, 'SIGKILL'));
  const pair = await Promise.all([recognize(inputs[0]!, 0), recognize(inputs[1]!, 1)]);
  await killed;
  same(pair[0], sequential[0]!);
  same(pair[1], sequential[1]!);
  assert.equal(host.status.restarts, 1);
  assert.notEqual(host.status.pid, pid);
  await host.stop();
});

test('two lanes: the lane threads are released after their idle time (status says so) and start again on the next concurrent pair, with the same text', async () => {
  const logs: string[] = [];
  const heard: (() => void)[] = [];
  const count = (re: RegExp) => logs.filter((l) => re.test(l)).length;
  /** Resolves once `n` log lines match `re` (the worker logs each start and each release). */
  const logged = (re: RegExp, n: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (count(re) >= n) resolve();
      };
      heard.push(check);
      check();
    });
  // A short idle time: the test waits on the release event, never on the clock.
  const { host } = makeHost({
    lanes: 2,
    laneIdleMs: 1500,
    log: (_level, message) => {
      logs.push(message);
      heard.forEach((h) => h());
    },
  });
  host.start();
  const ready = await waitForState(host, 'ready');
  assert.equal(ready.lanesRunning, 1);
  const inputs = await Promise.all(
    IMAGES.slice(0, 2).map(async (n) => new Uint8Array(await readFile(fixture(n)))),
  );
  const recognize = (bytes: Uint8Array, i: number) =>
    host.recognize({ kind: 'bytes', name: IMAGES[i]!, bytes });
  const sequential: OcrResult[] = [];
  for (const [i, bytes] of inputs.entries()) sequential.push(await recognize(bytes, i));

  const readies = () => count(/recognition lanes ready/);
  for (const round of [1, 2]) {
    // Pairs until the lane runs: it may be running already (the last pair started it again) or, on a busy machine,
    // have started and been released more than once before or between pairs, so each round counts from its own start.
    const before = readies();
    const releases = count(/recognition lanes released/);
    const started = waitForStatus(host, (s) => s.lanesRunning === 2, 300_000);
    const running = () => readies() > before || host.status.lanesRunning === 2;
    for (let pair = 0; pair < 60 && !running(); pair++)
      (await Promise.all(inputs.map(recognize))).forEach((r, i) => same(r, sequential[i]!));
    assert.ok(running(), `the lane threads did not start (round ${round}); logs: ${logs.join(' | ')}`);
    await started;
    // Left without work, it is released: the status says one lane runs, the lanes planned stay two.
    const released = await waitForStatus(host, (s) => s.lanesRunning === 1, 300_000);
    assert.equal(released.lanes, 2);
    await logged(/recognition lanes released/, releases + 1);
    // Requests after the release are answered alike, on the main lane or on fresh lane threads.
    (await Promise.all(inputs.map(recognize))).forEach((r, i) => same(r, sequential[i]!));
  }
  assert.equal(host.status.restarts, 0);
  await host.stop();
});
