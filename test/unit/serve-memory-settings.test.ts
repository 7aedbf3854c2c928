import assert from 'node:assert/strict';
import { test } from 'node:test';
import { settingsPatchInputSchema } from '../../app/contracts/op-schemas';
import type { EngineHost } from '../../app/engine/host';
import { parseServeArgs } from '../../app/serve/args';
import { memorySettings } from '../../app/serve/memory-services';

/** An engine that records what it is told to run with. */
function recordingEngine() {
  const seen: unknown[] = [];
  return { seen, engine: { reconfigure: (c: unknown) => seen.push(c) } as unknown as EngineHost };
}

test('serve without --data: a partial http patch keeps the port and token it does not name', async () => {
  const { engine } = recordingEngine();
  const s = memorySettings(engine, parseServeArgs([], {}, '/'));
  const token = 'k'.repeat(24);
  await s.set(settingsPatchInputSchema.parse({ http: { enabled: true, port: 9100, token } }));
  const next = await s.set(settingsPatchInputSchema.parse({ http: { enabled: false } }));
  assert.deepEqual(next.http, { enabled: false, port: 9100, token });
  assert.deepEqual(s.get().runtime, { mode: 'serve', file: null });
});

test('serve --threads past the Settings form range still saves other settings, and the form accepts what serve does', async () => {
  const { engine, seen } = recordingEngine();
  const s = memorySettings(engine, parseServeArgs(['--threads', '256'], {}, '/'));
  const next = await s.set(settingsPatchInputSchema.parse({ language: 'en' }));
  assert.equal(next.language, 'en');
  assert.equal(next.threads, 256);
  assert.deepEqual(seen.at(-1), { provider: 'auto', threads: 256, idlePolicy: { kind: 'always-warm' } });
  assert.equal(settingsPatchInputSchema.safeParse({ threads: 256 }).success, true);
  assert.equal(settingsPatchInputSchema.safeParse({ threads: 257 }).success, false);
  assert.throws(() => parseServeArgs(['--threads', '257'], {}, '/'));
});
