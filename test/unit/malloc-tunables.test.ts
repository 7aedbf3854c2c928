import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workerEnv } from '../../app/engine/launcher';
import { engineTunables } from '../../app/engine/malloc-tunables';

test('on Linux the worker gets transparent huge pages for malloc, after any tunables the user set', () => {
  assert.equal(engineTunables(undefined, 'linux'), 'glibc.malloc.hugetlb=1');
  assert.equal(engineTunables('', 'linux'), 'glibc.malloc.hugetlb=1');
  assert.equal(
    engineTunables('glibc.malloc.arena_max=2', 'linux'),
    'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1',
  );
});

test("a user's own hugetlb setting wins (GLIBC_TUNABLES=glibc.malloc.hugetlb=0 turns it off)", () => {
  assert.equal(engineTunables('glibc.malloc.hugetlb=0', 'linux'), 'glibc.malloc.hugetlb=0');
  assert.equal(
    engineTunables('glibc.malloc.hugetlb=2:glibc.malloc.arena_max=1', 'linux'),
    'glibc.malloc.hugetlb=2:glibc.malloc.arena_max=1',
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
    GLIBC_TUNABLES: 'a.b=1:glibc.malloc.hugetlb=1',
  });
});
