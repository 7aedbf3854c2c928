/** Every engine status code and fault has words in English and in Simplified Chinese, with every figure filled in. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STATUS_CODES, type Fault, type StatusDetail } from '../../app/contracts/status';
import { translator, type UiLanguage } from '../../renderer/src/i18n/i18n';
import { EN, ZH_CN } from '../../renderer/src/i18n/messages';
import { STATUS_CODE_KEY, detailText, faultText } from '../../renderer/src/status/status-words';
import { providerText } from '../../renderer/src/status/status-format';

/** One detail of each code, with parameters. */
const DETAILS: readonly StatusDetail[] = [
  { code: 'STARTING' },
  { code: 'LOADING' },
  { code: 'WARMING' },
  { code: 'READY' },
  { code: 'BUSY', pending: 3 },
  { code: 'BUSY', pending: 1 },
  { code: 'UNLOADED' },
  { code: 'STOPPED' },
  { code: 'CRASHED' },
  { code: 'HUNG' },
  { code: 'RESTARTING', attempt: 2, retryInMs: 500, retryAt: 1500 },
  { code: 'ERROR', failures: 3, windowMs: 60000, retryInMs: 30000, retryAt: 31000 },
];

const FAULTS: readonly Fault[] = [
  { kind: 'reported', error: { code: 'MODEL_CORRUPT', message: 'rec.onnx is corrupt' } },
  { kind: 'exit', exitCode: 134, signal: null, cause: null },
  { kind: 'exit', exitCode: null, signal: 'SIGKILL', cause: { code: 'ENGINE_CRASHED', message: 'x' } },
  { kind: 'hang' },
];

const HAN = /\p{Script=Han}/u;

test('every status code has its own English and Chinese words', () => {
  assert.deepEqual(Object.keys(STATUS_CODE_KEY).sort(), [...STATUS_CODES].sort());
  assert.deepEqual([...new Set(DETAILS.map((d) => d.code))].sort(), [...STATUS_CODES].sort());
  for (const code of STATUS_CODES) {
    const key = STATUS_CODE_KEY[code];
    assert.ok(EN[key].length > 0, `${code}: no English`);
    assert.match(ZH_CN[key], HAN, `${code}: the zh-CN text is not Chinese: ${ZH_CN[key]}`);
  }
});

test('status details and faults render with their figures, in Chinese under zh-CN', () => {
  for (const lang of ['en', 'zh-CN'] as const satisfies readonly UiLanguage[]) {
    const t = translator(lang);
    const texts = [
      ...DETAILS.map((d) => detailText(t, lang, d, 1000)),
      ...FAULTS.map((f) => faultText(t, f)),
    ];
    for (const text of texts) {
      assert.doesNotMatch(text, /\{\w+\}/, `unfilled placeholder: ${text}`);
      if (lang === 'zh-CN') assert.match(text, HAN, text);
      else assert.doesNotMatch(text, HAN, text);
    }
  }
  const zh = translator('zh-CN');
  assert.equal(detailText(zh, 'zh-CN', DETAILS[10]!, 1000), '正在重启（第 2 次重启，500毫秒后）');
  assert.match(detailText(zh, 'zh-CN', DETAILS[11]!, 1000), /失败 3 次/);
  // The wait counts down from the status's retryAt as the page renders it again, in both languages.
  assert.match(detailText(translator('en'), 'en', DETAILS[11]!, 1000), /trying again in 30 sec$/);
  assert.match(detailText(translator('en'), 'en', DETAILS[11]!, 21_400), /trying again in 10 sec$/);
  assert.match(detailText(zh, 'zh-CN', DETAILS[11]!, 21_400), /10秒后重试$/);
  assert.equal(detailText(translator('en'), 'en', DETAILS[5]!, 1000), 'Recognising, 1 image pending');
  assert.match(faultText(zh, FAULTS[1]!), /退出代码 134/);
  assert.match(faultText(zh, FAULTS[0]!), /MODEL_CORRUPT: rec\.onnx is corrupt/);
});

test('the provider line says in each language why the providers before it could not be used', () => {
  const s = {
    provider: 'cpu',
    providerSummary: 'CPU — CUDA unavailable: CUDA provider files not installed',
    providerFailures: [
      { provider: 'cuda', reason: 'CUDA provider files not installed' },
      { provider: 'webgpu', reason: 'No supported adapters' },
    ],
  };
  assert.equal(
    providerText(translator('zh-CN'), s),
    'CPU — CUDA 不可用：CUDA provider files not installed; WebGPU 不可用：No supported adapters',
  );
  assert.equal(
    providerText(translator('en'), s),
    'CPU — CUDA unavailable: CUDA provider files not installed; WebGPU unavailable: No supported adapters',
  );
  // A status that does not list them (an older engine) keeps its summary; none tried before: the name alone.
  assert.equal(providerText(translator('zh-CN'), { ...s, providerFailures: undefined }), s.providerSummary);
  assert.equal(providerText(translator('zh-CN'), { provider: 'cpu', providerSummary: 'CPU' }), 'CPU');
});
