import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workerEnv } from '../../app/engine/launcher';
import { engineTunables } from '../../app/engine/malloc-tunables';

const OURS = 'glibc.malloc.arena_max=1';

test('on Linux the worker gets one malloc arena (and no huge pages), after any tunables the user set', () => {
  assert.equal(engineTunables(undefined, 'linux'), OURS);
  assert.equal(engineTunables('', 'linux'), OURS);
  assert.equal(engineTunables('glibc.malloc.tcache_count=0', 'linux'), `glibc.malloc.tcache_count=0:${OURS}`);
});

test("a user's own setting wins, and their other tunables stay (GLIBC_TUNABLES=glibc.malloc.hugetlb=1 adds huge pages)", () => {
  assert.equal(
    engineTunables('glibc.malloc.hugetlb=1', 'linux'),
    'glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1',
  );
  assert.equal(engineTunables('glibc.malloc.arena_max=4', 'linux'), 'glibc.malloc.arena_max=4');
  assert.equal(
    engineTunables('glibc.malloc.hugetlb=2:glibc.malloc.arena_max=2', 'linux'),
    'glibc.malloc.hugetlb=2:glibc.malloc.arena_max=2',
  );
});

test('other systems are left alone', () => {
  assert.equal(engineTunables(undefined, 'darwin'), undefined);
  assert.equal(engineTunables(undefined, 'win32'), undefined);
  assert.equal(engineTunables('x=1', 'darwin'), 'x=1');
  const env = workerEnv({ provider: 'cpu', threads: 1, modelsDir: '/m' }, {}, 'win32');
  assert.equal('GLIBC_TUNABLES' in env, false);
});

test('workerEnv carries the tunables with the worker options', () => {
  const env = workerEnv(
    { provider: 'auto', threads: 0, modelsDir: '/m' },
    { GLIBC_TUNABLES: 'a.b=1' },
    'linux',
  );
  assert.deepEqual(env, {
    LANTERN_PROVIDER: 'auto',
    LANTERN_THREADS: '0',
    LANTERN_MODELS_DIR: '/m',
    GLIBC_TUNABLES: `a.b=1:${OURS}`,
    ORT_DISABLE_TELEMETRY: '1',
  });
});
