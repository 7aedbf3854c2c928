import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, parseSettings, settingsPatchSchema } from '../../app/contracts/settings';

test('a one-field patch stays one field (no defaults filled in), unknown keys are refused', () => {
  assert.deepEqual(settingsPatchSchema.parse({ threads: 2 }), { threads: 2 });
  assert.equal(settingsPatchSchema.safeParse({ threads: -1 }).success, false);
  assert.equal(settingsPatchSchema.safeParse({ colour: 'red' }).success, false);
});

test('invalid stored settings fall back to the defaults with a notice', () => {
  const r = parseSettings({ provider: 'quantum' });
  assert.deepEqual(r.settings, DEFAULT_SETTINGS);
  assert.match(r.notice ?? '', /reset to defaults/);
  assert.equal(parseSettings({ language: 'zh-CN' }).settings.language, 'zh-CN');
});
