import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callerDir, inputPath } from '../../app/cli/args';

test('under npm run ocr and npm run eval relative paths are the caller folder; elsewhere the working folder', () => {
  const npm = (script: string) => ({ npm_lifecycle_event: script, INIT_CWD: '/home/me/scans' });
  assert.equal(callerDir(npm('ocr'), '/repo'), '/home/me/scans');
  assert.equal(inputPath('a.png', npm('eval'), '/repo'), '/home/me/scans/a.png');
  // npm test starts processes that inherit INIT_CWD: they keep their own folder.
  assert.equal(callerDir(npm('test'), '/repo'), '/repo');
  assert.equal(callerDir({ npm_lifecycle_event: 'ocr' }, '/repo'), '/repo');
  assert.equal(inputPath('/abs/b.png', npm('ocr'), '/repo'), '/abs/b.png');
});
