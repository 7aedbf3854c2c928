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
