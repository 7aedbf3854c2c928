import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workerEnv } from '../../app/engine/launcher';
import {
  LANE_IDLE_MS,
  laneIdleFromEnv,
  laneStep,
  type LaneEvent,
  type LaneLife,
} from '../../app/engine/lane-life';
import { lanePlan, lanesFromEnv } from '../../app/engine/lanes';

test('lanes: auto runs two on a multi-core CPU, one on one core or a GPU; two busy lanes split the threads', () => {
  assert.deepEqual(lanePlan('auto', 'cpu', 2, 0), { lanes: 2, splitThreads: 1 });
  assert.deepEqual(lanePlan('auto', 'cpu', 8, 0), { lanes: 2, splitThreads: 4 });
  assert.deepEqual(lanePlan('auto', 'cpu', 1, 0), { lanes: 1, splitThreads: 1 });
  assert.deepEqual(lanePlan(2, 'cpu', 2, 0), { lanes: 2, splitThreads: 1 });
  assert.deepEqual(lanePlan(2, 'cpu', 8, 2), { lanes: 2, splitThreads: 1 });
  assert.deepEqual(lanePlan(2, 'cpu', 8, 3), { lanes: 2, splitThreads: 1 });
  assert.equal(lanePlan(2, 'cuda', 16, 0).lanes, 1);
  assert.equal(lanePlan('auto', 'webgpu', 16, 0).lanes, 1);
  assert.equal(lanePlan(1, 'cpu', 16, 0).lanes, 1);
  assert.equal(lanePlan(2, 'cpu', 1, 0).lanes, 2);
});

test('lanes travel to the worker as LANTERN_LANES; a missing or unknown value reads as auto', () => {
  for (const lanes of ['auto', 1, 2] as const) {
    const env = workerEnv({ provider: 'cpu', threads: 0, lanes, modelsDir: '/m' }, {}, 'linux');
    assert.equal(lanesFromEnv(env.LANTERN_LANES), lanes);
  }
  assert.equal(
    workerEnv({ provider: 'cpu', threads: 0, modelsDir: '/m' }, {}, 'linux').LANTERN_LANES,
    undefined,
  );
  assert.equal(lanesFromEnv(undefined), 'auto');
  assert.equal(lanesFromEnv('3'), 'auto');
});

test('the second lane lifecycle: absent -> starting -> ready -> releasing -> absent, nothing else', () => {
  const events: LaneEvent[] = ['wanted', 'started', 'idle', 'released'];
  let state: LaneLife = 'absent';
  const path: LaneLife[] = [state];
  for (const e of events) {
    // Only the next step of the cycle applies in each state: a request that finds it releasing cannot restart it.
    for (const other of events.filter((o) => o !== e)) assert.equal(laneStep(state, other), undefined);
    state = laneStep(state, e)!;
    path.push(state);
  }
  assert.deepEqual(path, ['absent', 'starting', 'ready', 'releasing', 'absent']);
});

test('the lane idle time comes from LANTERN_LANE_IDLE_MS, else a minute; the host carries its option there', () => {
  assert.equal(laneIdleFromEnv(undefined), LANE_IDLE_MS);
  assert.equal(LANE_IDLE_MS, 60_000);
  assert.equal(laneIdleFromEnv('1500'), 1500);
  for (const bad of ['', '0', '-5', '1.5', 'soon']) assert.equal(laneIdleFromEnv(bad), LANE_IDLE_MS);
  const env = workerEnv({ provider: 'cpu', threads: 0, modelsDir: '/m', laneIdleMs: 1500 }, {}, 'linux');
  assert.equal(env.LANTERN_LANE_IDLE_MS, '1500');
  assert.equal(
    workerEnv({ provider: 'cpu', threads: 0, modelsDir: '/m' }, {}, 'linux').LANTERN_LANE_IDLE_MS,
    undefined,
  );
});
