import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workerEnv } from '../../app/engine/launcher';
import { keepOrtTelemetryOff, ortTelemetryEnv } from '../../app/ocr/ort-telemetry';

const OPTS = { provider: 'cpu', threads: 0, modelsDir: '/m' } as const;

test("onnxruntime's telemetry is off for the worker and this process unless the user set the variable", () => {
  assert.deepEqual(ortTelemetryEnv({}), { ORT_DISABLE_TELEMETRY: '1' });
  assert.equal(workerEnv(OPTS, {}, 'linux').ORT_DISABLE_TELEMETRY, '1');
  assert.equal(workerEnv(OPTS, {}, 'win32').ORT_DISABLE_TELEMETRY, '1');
  // The user's own choice travels in the base environment the launchers spread under workerEnv's.
  assert.deepEqual(ortTelemetryEnv({ ORT_DISABLE_TELEMETRY: '0' }), {});
  assert.equal(workerEnv(OPTS, { ORT_DISABLE_TELEMETRY: '0' }, 'linux').ORT_DISABLE_TELEMETRY, undefined);
  const unset: NodeJS.ProcessEnv = { PATH: '/usr/bin' };
  keepOrtTelemetryOff(unset);
  assert.equal(unset.ORT_DISABLE_TELEMETRY, '1');
  const chosen: NodeJS.ProcessEnv = { ORT_DISABLE_TELEMETRY: '0' };
  keepOrtTelemetryOff(chosen);
  assert.equal(chosen.ORT_DISABLE_TELEMETRY, '0');
});
