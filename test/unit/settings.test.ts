import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, parseSettings, settingsPatchSchema } from '../../app/contracts/settings';
import { draftOf, patchOf } from '../../renderer/src/settings/settings-draft';

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

test('a new API token must be one a Bearer header carries as typed; a stored one from before still loads', () => {
  const patch = (token: string | null) =>
    settingsPatchSchema.safeParse({ http: { enabled: true, port: 8765, token } });
  for (const good of ['abcdefghijklmnop', 'A-b_c.d~e+f/g=0123', null])
    assert.ok(patch(good).success, String(good));
  for (const bad of ['correct horse battery staple', 'pässwörd-long-enough-x', 'sixteen-chars-ok\n'])
    assert.equal(patch(bad).success, false, JSON.stringify(bad));
  const { data } = patch('abcdefghijklmnop');
  assert.deepEqual(data?.http, { enabled: true, port: 8765, token: 'abcdefghijklmnop' });
  const stored = parseSettings({ http: { enabled: true, port: 8765, token: 'an older token with spaces' } });
  assert.equal(stored.notice, undefined);
  assert.equal(stored.settings.http.token, 'an older token with spaces');
});

test('the Settings form refuses a token a Bearer header cannot carry before it is sent', () => {
  const draft = {
    ...draftOf(DEFAULT_SETTINGS),
    httpEnabled: true,
    httpToken: 'correct horse battery staple',
  };
  assert.deepEqual(patchOf(draft, true), { errors: { httpToken: true } });
  assert.ok('patch' in patchOf({ ...draft, httpToken: 'correct-horse-battery-staple' }, true));
});
