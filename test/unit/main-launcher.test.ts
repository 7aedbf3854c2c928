import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import type { EngineRequest, WorkerMessage, WorkerReady } from '../../app/contracts/engine-protocol';
import type { EngineStatus } from '../../app/contracts/status';
import { EngineHost } from '../../app/engine/host';
import type { OcrResult } from '../../app/ocr/types';
import {
  ElectronLauncher,
  ENGINE_SERVICE_NAME,
  type ForkOptionsLike,
  type UtilityProcessLike,
} from '../../main/electron-launcher';

/** A fake Electron UtilityProcess: an EventEmitter with piped output streams. */
class FakeChild extends EventEmitter implements UtilityProcessLike {
  readonly stdout = new EventEmitter();
  readonly stderr = new EventEmitter();
  readonly posted: unknown[] = [];
  killed = 0;
  constructor(
    public pid: number | undefined,
    private readonly onPost?: (m: EngineRequest, child: FakeChild) => void,
  ) {
    super();
  }
  postMessage(m: unknown): void {
    this.posted.push(m);
    this.onPost?.(m as EngineRequest, this);
  }
  kill(): boolean {
    this.killed++;
    setImmediate(() => this.emit('exit', 15));
    return true;
  }
  reply(m: WorkerMessage): void {
    this.emit('message', m);
  }
}

function fakeUtilityProcess(make: (n: number) => FakeChild) {
  const forks: { modulePath: string; args: string[]; options: ForkOptionsLike; child: FakeChild }[] = [];
  return {
    forks,
    utilityProcess: {
      fork(modulePath: string, args: string[], options: ForkOptionsLike) {
        const child = make(forks.length + 1);
        forks.push({ modulePath, args, options, child });
        return child;
      },
    },
  };
}

const OPTS = { provider: 'cpu', threads: 2, modelsDir: '/res/models' };

test('forks the engine entry as a named utility process with the worker options in its environment and piped output', () => {
  const up = fakeUtilityProcess(() => new FakeChild(4242));
  const lines: string[] = [];
  const launcher = new ElectronLauncher({
    utilityProcess: up.utilityProcess,
    enginePath: '/app/dist/node/engine.mjs',
    onOutput: (l) => lines.push(l),
    baseEnv: { PATH: '/usr/bin', LANTERN_PROVIDER: 'stale' },
    platform: 'linux',
  });
  const h = launcher.launch({ ...OPTS, packId: 'ppocr-v4-zh-en' });
  const [f] = up.forks;
  assert.equal(f!.modulePath, '/app/dist/node/engine.mjs');
  assert.deepEqual(f!.args, []);
  assert.equal(f!.options.serviceName, ENGINE_SERVICE_NAME);
  assert.equal(f!.options.serviceName, 'Lantern OCR engine');
  assert.equal(f!.options.stdio, 'pipe');
  // V8 reads its flags from Chromium's --js-flags switch in a utility process (v8-flags.ts).
  assert.deepEqual(f!.options.execArgv, ['--js-flags=--max-semi-space-size=8']);
  assert.deepEqual(f!.options.env, {
    PATH: '/usr/bin',
    LANTERN_PROVIDER: 'cpu',
    LANTERN_THREADS: '2',
    LANTERN_MODELS_DIR: '/res/models',
    LANTERN_PACK: 'ppocr-v4-zh-en',
    GLIBC_TUNABLES: 'glibc.malloc.arena_max=1',
    // onnxruntime's telemetry off (ort-telemetry.ts).
    ORT_DISABLE_TELEMETRY: '1',
  });
  assert.equal(h.pid, 4242);
  // Output arrives in arbitrary chunks: lines are reassembled, blank ones dropped.
  f!.child.stdout.emit('data', Buffer.from('loading det\nloading '));
  f!.child.stderr.emit('data', 'warn: x\r\n');
  f!.child.stdout.emit('data', Buffer.from('cls\n\n'));
  assert.deepEqual(lines, ['loading det', 'warn: x', 'loading cls']);
  // A chunk may end inside a UTF-8 character; a line without an end comes out when its stream ends.
  const zh = Buffer.from('模型已加载\n尾');
  f!.child.stdout.emit('data', zh.subarray(0, 4));
  f!.child.stdout.emit('data', zh.subarray(4));
  f!.child.stdout.emit('end');
  assert.deepEqual(lines.slice(3), ['模型已加载', '尾']);
});

test('messages are forwarded both ways; messages sent before the host subscribed are not lost', () => {
  const up = fakeUtilityProcess(() => new FakeChild(1));
  const h = new ElectronLauncher({ utilityProcess: up.utilityProcess, enginePath: 'e' }).launch(OPTS);
  const child = up.forks[0]!.child;
  child.reply({ type: 'status', phase: 'loading', model: 'det' });
  const got: WorkerMessage[] = [];
  h.onMessage((m) => got.push(m));
  child.reply({ id: 'p1', ok: true, type: 'ping', result: { t: 1, rss: 2 } });
  assert.deepEqual(got, [
    { type: 'status', phase: 'loading', model: 'det' },
    { id: 'p1', ok: true, type: 'ping', result: { t: 1, rss: 2 } },
  ]);
  const bytes = new Uint8Array([1, 2, 3]);
  h.send({ id: 'j1', type: 'recognize', input: { kind: 'bytes', bytes } });
  assert.deepEqual(child.posted, [{ id: 'j1', type: 'recognize', input: { kind: 'bytes', bytes } }]);
  assert.equal(
    (child.posted[0] as { input: { bytes: unknown } }).input.bytes,
    bytes,
    'bytes go as a Uint8Array',
  );
});

test('exit is reported once with its code, also to a late subscriber; nothing is sent to or killed after it', () => {
  const up = fakeUtilityProcess(() => new FakeChild(1));
  const kills: [number, string][] = [];
  const h = new ElectronLauncher({
    utilityProcess: up.utilityProcess,
    enginePath: 'e',
    platform: 'linux',
    killPid: (pid, sig) => kills.push([pid, sig]),
  }).launch(OPTS);
  const child = up.forks[0]!.child;
  const exits: unknown[] = [];
  h.onExit((i) => exits.push(i));
  child.emit('exit', 3);
  child.emit('exit', 3);
  h.onExit((i) => exits.push(['late', i]));
  assert.deepEqual(exits, [{ code: 3, signal: null }, ['late', { code: 3, signal: null }]]);
  h.send({ id: 'x', type: 'ping' });
  h.kill();
  assert.deepEqual(child.posted, []);
  assert.deepEqual(kills, []);
  assert.equal(child.killed, 0);
});

test('a V8 fatal error in the engine (Electron emits "error", then "exit") is logged, not thrown in main', () => {
  const up = fakeUtilityProcess(() => new FakeChild(7));
  const fatal: string[] = [];
  const h = new ElectronLauncher({
    utilityProcess: up.utilityProcess,
    enginePath: 'e',
    onFatalError: (m) => fatal.push(m),
  }).launch(OPTS);
  const child = up.forks[0]!.child;
  const exits: unknown[] = [];
  h.onExit((i) => exits.push(i));
  // An EventEmitter's "error" without a listener throws: in Electron's main that is an uncaught exception dialog.
  child.emit('error', 'FatalError', 'v8::internal::Heap::FatalProcessOutOfMemory', '{"header":{}}');
  child.emit('exit', 133);
  assert.equal(fatal.length, 1);
  assert.match(fatal[0]!, /FatalError at v8::internal::Heap::FatalProcessOutOfMemory/);
  assert.doesNotMatch(fatal[0]!, /header/, 'the diagnostic report is not logged whole');
  assert.deepEqual(exits, [{ code: 133, signal: null }]);
  // Without a listener given, the error is still taken.
  new ElectronLauncher({ utilityProcess: up.utilityProcess, enginePath: 'e' }).launch(OPTS);
  up.forks[1]!.child.emit('error', 'FatalError', 'somewhere', '{}');
});

test('kill: SIGKILL to the pid on POSIX (a stopped, hung process ignores SIGTERM); Electron kill() on Windows or as fallback', () => {
  const up = fakeUtilityProcess((n) => new FakeChild(n === 3 ? undefined : 100 + n));
  const kills: [number, string][] = [];
  const posix = new ElectronLauncher({
    utilityProcess: up.utilityProcess,
    enginePath: 'e',
    platform: 'linux',
    killPid: (pid, sig) => {
      if (pid === 102) throw new Error('ESRCH');
      kills.push([pid, sig]);
    },
  });
  posix.launch(OPTS).kill();
  assert.deepEqual(kills, [[101, 'SIGKILL']]);
  assert.equal(up.forks[0]!.child.killed, 0);
  posix.launch(OPTS).kill('SIGTERM'); // killPid throws: fall back to Electron's kill
  assert.equal(up.forks[1]!.child.killed, 1);
  posix.launch(OPTS).kill(); // no pid yet (not spawned): Electron's kill
  assert.equal(up.forks[2]!.child.killed, 1);
  const win = new ElectronLauncher({
    utilityProcess: up.utilityProcess,
    enginePath: 'e',
    platform: 'win32',
    killPid: () => assert.fail('no signals on Windows'),
  });
  win.launch(OPTS).kill();
  assert.equal(up.forks[3]!.child.killed, 1);
});

const READY: WorkerReady = {
  provider: 'cpu',
  providerSummary: 'CPU',
  recVariant: 'fp32',
  loadMs: { det: 1, cls: 1, rec: 1 },
  warmupMs: 2,
  readyMs: 5,
};

/** A fake engine worker behind the fake utility process: ready at once, answers pings and recognitions. */
function workerChild(pid: number, opts: { crashOnRecognize?: boolean } = {}) {
  return new FakeChild(pid, (m, child) => {
    setImmediate(() => {
      if (m.type === 'ping')
        child.reply({ id: m.id, ok: true, type: m.type, result: { t: Date.now(), rss: 1 } });
      if (m.type === 'shutdown') {
        child.reply({ id: m.id, ok: true, type: m.type, result: {} });
        child.emit('exit', 0);
      }
      if (m.type === 'recognize') {
        if (opts.crashOnRecognize) return void child.emit('exit', 134);
        const name = m.input.kind === 'bytes' ? m.input.name : m.input.path;
        child.reply({
          id: m.id,
          ok: true,
          type: 'recognize',
          result: { file: name, text: `text of ${name}`, lines: [] } as unknown as OcrResult,
        });
      }
    });
  });
}

test('with the real EngineHost: ready status, a recognition through utilityProcess messages, restart after an exit', async () => {
  let n = 0;
  const up = fakeUtilityProcess(() => {
    n++;
    const c = workerChild(500 + n, { crashOnRecognize: n === 1 });
    setImmediate(() => c.reply({ type: 'status', phase: 'ready', ready: READY }));
    return c;
  });
  const host = new EngineHost({
    launcher: new ElectronLauncher({
      utilityProcess: up.utilityProcess,
      enginePath: '/e.mjs',
      platform: 'linux',
      killPid: () => {},
    }),
    modelsDir: '/m',
    provider: 'cpu',
    threads: 1,
    heartbeatMs: 50,
    hangTimeoutMs: 1000,
    crashPolicy: { baseBackoffMs: 10, maxBackoffMs: 10 },
  });
  const states: EngineStatus['state'][] = [];
  host.onStatus((s) => {
    if (states.at(-1) !== s.state) states.push(s.state);
  });
  host.start();
  try {
    // The first worker dies (exit code 134) while reading: the host restarts it and retries the request once.
    const r = await host.recognize({ kind: 'bytes', name: 'a.png', bytes: new Uint8Array([1]) });
    assert.equal(r.text, 'text of a.png');
    assert.equal(up.forks.length, 2);
    assert.ok(states.includes('crashed') && states.includes('restarting'), states.join(' → '));
    assert.match(host.status.error?.message ?? '', /code 134/);
    assert.equal(host.status.state, 'ready');
    assert.equal(host.status.pid, 502);
    const sent = up.forks[1]!.child.posted as EngineRequest[];
    assert.ok(sent.some((m) => m.type === 'recognize'));
  } finally {
    await host.stop(200);
  }
});
