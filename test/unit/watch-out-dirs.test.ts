import assert from 'node:assert/strict';
import { test } from 'node:test';
import { watchOutDirs } from '../../app/watch/out-dirs';

test('watched folders sharing one --out each get their own output folder, even when their names collide', () => {
  assert.deepEqual(watchOutDirs('/out', ['/in/scans']), ['/out']);
  assert.deepEqual(watchOutDirs('/out', ['/a/scans', '/b/scans', '/c/Scans', '/d/scans-2', '/e/mail']), [
    '/out/scans',
    '/out/scans-3',
    '/out/Scans-4',
    '/out/scans-2',
    '/out/mail',
  ]);
});
