/** The engine host's lifecycle table, driven event by event without a process: every arrow, the crash loop and self-heal, idle unload, stop. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { watchdog } from '../../app/engine/heartbeat';
import { crashPolicyOf, hostSettings } from '../../app/engine/host-options';
import {
  EVENT_TYPES,
  INITIAL,
  LIFECYCLE,
  ruleFor,
  transition,
  type Effect,
  type EventType,
  type Lifecycle,
  type LifecycleEvent,
} from '../../app/engine/lifecycle';
import { lifecycleMermaid, lifecycleTable, unpadded } from '../helpers/lifecycle-doc';
import { PHASES } from '../../app/engine/phase';
import { probeOf } from '../../app/engine/probe';
import { detailOf, errorOf, statusMessage } from '../../app/engine/status-text';

/** The production crash policy: what the host runs with unless a test shortens it. */
const POLICY = crashPolicyOf({});

const READY = {
  provider: 'cpu',
  providerSummary: 'CPU',
  recVariant: 'fp32' as const,
  loadMs: { det: 1, cls: 1, rec: 1 },
  warmupMs: 1,
  readyMs: 2,
};

/** One event of each kind, with parameters. */
const SAMPLE: { readonly [E in EventType]: readonly Extract<LifecycleEvent, { type: E }>[] } = {
  start: [{ type: 'start' }],
  wake: [{ type: 'wake' }],
  loading: [{ type: 'loading' }],
  warming: [{ type: 'warming' }],
  ready: [{ type: 'ready', ready: READY }],
  failed: [{ type: 'failed', error: { code: 'MODEL_CORRUPT', message: 'rec.onnx is corrupt' } }],
  exit: [
    { type: 'exit', exitCode: 1, signal: null, at: 1000, pending: 0 },
    { type: 'exit', exitCode: null, signal: 'SIGKILL', at: 1000, pending: 3 },
  ],
  decide: [{ type: 'decide', at: 1000 }],
  silent: [{ type: 'silent' }],
  restartDue: [{ type: 'restartDue' }],
  healDue: [{ type: 'healDue' }],
  retry: [{ type: 'retry' }],
  idle: [
    { type: 'idle', pending: 0 },
    { type: 'idle', pending: 2 },
  ],
  reload: [{ type: 'reload' }],
  recycle: [{ type: 'recycle', reason: 'self-test read "x"' }],
  stop: [{ type: 'stop' }],
  drained: [{ type: 'drained' }],
};

/** Feeds events like the host does (raised events right after), returning the last state and every effect. */
function drive(s: Lifecycle, events: readonly LifecycleEvent[]): { s: Lifecycle; effects: Effect[] } {
  const effects: Effect[] = [];
  const queue = [...events];
  for (let e = queue.shift(); e; e = queue.shift()) {
    const t = transition(s, e, POLICY);
    assert.ok(t, `${s.phase} refused ${e.type}`);
    s = t.next;
    effects.push(...t.effects);
    for (const fx of t.effects) if (fx.kind === 'raise') queue.unshift(fx.event);
  }
  return { s, effects };
}

const kinds = (effects: readonly Effect[]) => effects.map((e) => e.kind);
const at = (phase: Lifecycle['phase'], more: Partial<Lifecycle> = {}): Lifecycle => ({
  ...INITIAL,
  phase,
  ...more,
});
const exit = (t: number, pending = 0): LifecycleEvent => ({
  type: 'exit',
  exitCode: 1,
  signal: null,
  at: t,
  pending,
});

test('every phase either handles or refuses every event, and lands only where its rule says', () => {
  assert.deepEqual(Object.keys(LIFECYCLE).sort(), [...PHASES].sort());
  assert.deepEqual([...EVENT_TYPES].sort(), Object.keys(SAMPLE).sort());
  let handled = 0;
  for (const phase of PHASES)
    for (const type of EVENT_TYPES) {
      const rule = ruleFor(phase, type);
      for (const e of SAMPLE[type]) {
        const s = at(phase, { crashes: [500], fault: null });
        const t = transition(s, e, POLICY);
        if (!rule) {
          assert.equal(t, null, `${phase} × ${type} must be refused`);
          continue;
        }
        handled++;
        assert.ok(t && rule.to.includes(t.next.phase), `${phase} × ${type} → ${t?.next.phase}`);
      }
    }
  assert.ok(handled > 40, `${handled} arrows`);
  // Events that must never restart or resurrect a worker where they do not belong.
  for (const phase of PHASES.filter((p) => p !== 'error'))
    assert.equal(ruleFor(phase, 'retry'), undefined, phase);
  for (const phase of ['stopped', 'unloaded', 'restarting', 'error', 'crashed'] as const)
    assert.equal(ruleFor(phase, 'exit'), undefined, `no worker runs in ${phase}`);
  assert.equal(ruleFor('ready', 'start'), undefined);
  assert.equal(ruleFor('stopping', 'stop'), undefined);
});

test('the state table in docs/engine.md is the table in the code', () => {
  const doc = readFileSync(new URL('../../docs/engine.md', import.meta.url), 'utf8');
  assert.ok(
    doc.includes(lifecycleMermaid()),
    'docs/engine.md: paste lifecycleMermaid() (test/helpers/lifecycle-doc.ts)',
  );
  assert.ok(
    unpadded(doc).includes(unpadded(lifecycleTable())),
    'docs/engine.md: paste lifecycleTable() (test/helpers/lifecycle-doc.ts)',
  );
});

test('crash loop: restarts with doubling backoff, gives up into error, heals itself on a doubling wait up to 5 min', () => {
  let { s, effects } = drive(INITIAL, [
    { type: 'start' },
    { type: 'loading' },
    { type: 'ready', ready: READY },
  ]);
  assert.equal(s.phase, 'ready');
  assert.deepEqual(kinds(effects), ['startHeartbeat', 'launch', 'markReady', 'armIdle', 'dispatch']);

  ({ s, effects } = drive(s, [
    { type: 'failed', error: { code: 'MODEL_CORRUPT', message: 'bad rec' } },
    exit(0),
  ]));
  assert.equal(s.phase, 'restarting');
  assert.deepEqual(kinds(effects), ['retryInFlight', 'raise', 'scheduleRestart']);
  assert.deepEqual(effects.at(-1), { kind: 'scheduleRestart', ms: 250 });
  assert.deepEqual(detailOf(s, 0, false, POLICY.windowMs), {
    code: 'RESTARTING',
    attempt: 1,
    retryInMs: 250,
    retryAt: 250,
  });
  assert.equal(statusMessage(detailOf(s, 0, false, 60000), null), 'Restarting (restart 1)');
  assert.deepEqual(errorOf(s.fault, detailOf(s, 0, false, 60000), 0), {
    code: 'MODEL_CORRUPT',
    message: 'the engine exited (code 1): bad rec',
  });

  ({ s, effects } = drive(s, [{ type: 'restartDue' }, exit(1000)]));
  assert.deepEqual(effects.at(-1), { kind: 'scheduleRestart', ms: 500 });
  ({ s, effects } = drive(s, [{ type: 'restartDue' }, exit(2000)]));
  assert.equal(s.phase, 'error');
  assert.equal(s.restarts, 2);
  assert.equal(s.faults, 3, 'the crash that ends in error is counted too');
  assert.deepEqual(kinds(effects).slice(-2), ['failQueued', 'scheduleHeal']);
  assert.deepEqual(effects.at(-1), { kind: 'scheduleHeal', ms: 30000 });
  const detail = detailOf(s, 0, false, POLICY.windowMs);
  assert.deepEqual(detail, { code: 'ERROR', failures: 3, windowMs: 60000, retryInMs: 30000, retryAt: 32000 });
  assert.equal(
    errorOf(s.fault, detail, 2000)?.message,
    'the engine exited (code 1); 3 failures in 60 s, trying again in 30 s',
  );
  // Worded later, the same status says the seconds left then, not the wait it began with.
  assert.equal(
    errorOf(s.fault, detail, 21_500)?.message,
    'the engine exited (code 1); 3 failures in 60 s, trying again in 11 s',
  );

  // Each failed self-heal round waits twice as long, up to 5 minutes; liveness fails after the fifth.
  const waits: number[] = [30000];
  let t = 100_000;
  for (let round = 2; round <= 6; round++) {
    ({ s, effects } = drive(s, [{ type: 'healDue' }]));
    assert.deepEqual(s.crashes, [], 'a heal starts with a fresh crash budget');
    assert.equal(s.fault, null);
    for (let i = 0; i < 3; i++)
      ({ s, effects } = drive(s, [exit((t += 1000))].concat(i < 2 ? [{ type: 'restartDue' }] : [])));
    assert.equal(s.phase, 'error');
    const heal = effects.at(-1);
    assert.equal(heal?.kind, 'scheduleHeal');
    waits.push(heal?.kind === 'scheduleHeal' ? heal.ms : -1);
    t += 600_000;
  }
  assert.deepEqual(waits, [30000, 60000, 120000, 240000, 300000, 300000]);
  // Five heals of three crashes each after the first loop: every launch after a fault is a restart, every crash a fault.
  assert.deepEqual([s.restarts, s.faults], [2 + 5 * 3, 3 + 5 * 3]);
  const probe = (life: Lifecycle) =>
    probeOf({
      ...POLICY,
      ...life,
      silentMs: 0,
      heartbeatMs: 2000,
      hangTimeoutMs: 15000,
      queued: 0,
      maxQueue: 512,
    });
  assert.equal(probe(s).live, false);
  assert.deepEqual(probe(s).reason, { code: 'SELF_HEAL_FAILED', heals: 6 });

  // A worker that reaches ready resets the self-heal count; so does Retry.
  ({ s } = drive(s, [{ type: 'retry' }]));
  assert.equal(s.heals, 0);
  ({ s } = drive(at('error', { heals: 4 }), [{ type: 'healDue' }, { type: 'ready', ready: READY }]));
  assert.equal(s.heals, 0);
  assert.deepEqual(probe(s), { ready: true, live: true, reason: null });
});

test('a hang: the watchdog reports silence, the worker is killed, and its exit counts as a crash (TIMEOUT)', () => {
  // The production timings (host-options.ts): 2 s beats, 15 s hang deadline, 120 s to get ready.
  const timings = hostSettings({ launcher: { launch: () => assert.fail('no worker here') }, modelsDir: '' });
  const cases = [
    ['loading', 60_000, 'wait'],
    ['ready', 10_000, 'ping'],
    ['ready', 16_000, 'silent'],
    ['warming', 121_000, 'silent'],
    ['unloaded', 1e9, 'wait'],
  ] as const;
  for (const [phase, silentMs, action] of cases) assert.equal(watchdog(phase, silentMs, timings), action);
  const { s, effects } = drive(at('ready'), [{ type: 'silent' }, exit(5000)]);
  assert.deepEqual(kinds(effects), ['kill', 'retryInFlight', 'raise', 'scheduleRestart']);
  assert.equal(s.phase, 'restarting');
  assert.deepEqual(errorOf(s.fault, detailOf(s, 0, false, 60000), 0), {
    code: 'TIMEOUT',
    message: 'the engine stopped answering heartbeats',
  });
});

test('idle unload: only with nothing pending; a request while unloading or unloaded loads the models again', () => {
  let { s, effects } = drive(at('ready'), [{ type: 'idle', pending: 2 }]);
  assert.equal(s.phase, 'ready');
  assert.deepEqual(kinds(effects), ['armIdle']);
  ({ s, effects } = drive(s, [{ type: 'idle', pending: 0 }]));
  assert.equal(s.phase, 'unloading');
  assert.deepEqual(kinds(effects), ['shutdown']);
  ({ s, effects } = drive(s, [exit(0, 0)]));
  assert.equal(s.phase, 'unloaded');
  assert.equal(s.restarts, 0, 'unloading is not a crash');
  assert.equal(s.fault, null);
  ({ s, effects } = drive(s, [{ type: 'wake' }]));
  assert.equal(s.phase, 'starting');
  assert.deepEqual(kinds(effects), ['launch']);
  // A request that arrived while the worker was shutting down is not left waiting.
  ({ s, effects } = drive(at('unloading'), [exit(0, 1)]));
  assert.equal(s.phase, 'starting');
  assert.deepEqual(kinds(effects), ['launch']);
  // Unloading and unloaded take requests (they wake the engine), so readiness holds: a Kubernetes Service would
  // otherwise send no request to the pod, and nothing would ever load its models again. A full queue still says so.
  const probe = (phase: 'unloading' | 'unloaded', queued: number) =>
    probeOf({
      ...POLICY,
      ...at(phase),
      silentMs: 1e9,
      heartbeatMs: 2000,
      hangTimeoutMs: 15000,
      queued,
      maxQueue: 4,
    });
  for (const phase of ['unloading', 'unloaded'] as const) {
    assert.deepEqual(probe(phase, 0), { ready: true, live: true, reason: null }, phase);
    assert.deepEqual(probe(phase, 4).reason, { code: 'QUEUE_FULL', max: 4 }, phase);
  }
});

test('stop during load: drains (serving if the worker gets ready), then shuts the worker down and fails the rest', () => {
  let { s, effects } = drive(at('loading'), [{ type: 'stop' }]);
  assert.equal(s.phase, 'draining');
  assert.deepEqual(effects, []);
  assert.deepEqual(detailOf(s, 1, false, 60000), { code: 'STARTING' });
  ({ s, effects } = drive(s, [{ type: 'ready', ready: READY }]));
  assert.equal(s.phase, 'draining');
  assert.deepEqual(kinds(effects), ['markReady', 'dispatch']);
  ({ s, effects } = drive(s, [{ type: 'drained' }]));
  assert.equal(s.phase, 'stopping');
  assert.deepEqual(kinds(effects), ['failAll', 'cancelTimers', 'shutdown']);
  ({ s } = drive(s, [exit(0)]));
  assert.equal(s.phase, 'stopped');
  assert.deepEqual(detailOf(s, 0, false, 60000), { code: 'STOPPED' });
  // A worker that dies while draining ends the stop; a stop without a worker ends at once.
  assert.equal(drive(at('draining'), [exit(0)]).s.phase, 'stopped');
  for (const phase of ['restarting', 'error', 'unloaded'] as const) {
    const r = drive(at(phase), [{ type: 'stop' }]);
    assert.equal(r.s.phase, 'stopped', phase);
    assert.deepEqual(kinds(r.effects), ['failAll', 'cancelTimers']);
  }
  // Draining, and stopping once drained, are a stop, not an engine that is not ready yet.
  for (const phase of ['draining', 'stopping'] as const)
    assert.equal(
      probeOf({
        ...POLICY,
        ...at(phase),
        silentMs: 0,
        heartbeatMs: 1,
        hangTimeoutMs: 1,
        queued: 0,
        maxQueue: 1,
      }).reason?.code,
      'STOPPING',
      phase,
    );
});

test('a reload replaces the worker without a crash: in-flight work goes back to the queue, the fault is cleared', () => {
  const start = at('ready', { crashes: [10], restarts: 1, fault: { kind: 'hang' } });
  const { s, effects } = drive(start, [{ type: 'reload' }, exit(20)]);
  assert.deepEqual(kinds(effects), ['kill', 'requeueInFlight', 'launch']);
  assert.equal(s.phase, 'starting');
  assert.deepEqual(s.crashes, [10]);
  assert.equal(s.restarts, 1);
  assert.equal(s.fault, null);
});

test('a hang counts as a fault once, and the worker launched after it as a restart', () => {
  const { s, effects } = drive(at('ready', {}), [{ type: 'silent' }, exit(10)]);
  assert.deepEqual(kinds(effects), ['kill', 'retryInFlight', 'raise', 'scheduleRestart']);
  assert.deepEqual([s.phase, s.faults, s.restarts], ['restarting', 1, 1]);
});
