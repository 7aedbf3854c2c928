import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { intOption, parseScriptArgs } from '../../app/cli/script-args';

const OPTIONS = { reps: { type: 'string' }, quick: { type: 'boolean', default: false } } as const;

test('script arguments: values and positionals, --help/-h, and unknown options as one-line messages', () => {
  const ok = parseScriptArgs(['--reps', '3', 'dir'], OPTIONS, 1);
  assert.equal(ok.kind, 'ok');
  if (ok.kind === 'ok') {
    assert.equal(ok.values.reps, '3');
    assert.equal(ok.values.quick, false);
    assert.deepEqual(ok.positionals, ['dir']);
  }
  assert.deepEqual(parseScriptArgs(['--quick', '--help'], OPTIONS), { kind: 'help' });
  assert.deepEqual(parseScriptArgs(['-h'], OPTIONS), { kind: 'help' });
  const bad = parseScriptArgs(['--bogus'], OPTIONS);
  assert.equal(bad.kind, 'error');
  if (bad.kind === 'error') {
    assert.equal(bad.message, 'unknown option --bogus');
    assert.doesNotMatch(bad.message, /positional argument/);
  }
  assert.equal(parseScriptArgs(['--quick=yes'], OPTIONS).kind, 'error');
  assert.deepEqual(parseScriptArgs(['pages'], OPTIONS), {
    kind: 'error',
    message: 'unexpected argument "pages"',
  });
  assert.deepEqual(parseScriptArgs(['a', 'b'], OPTIONS, 1), {
    kind: 'error',
    message: 'unexpected argument "b"',
  });
});

test('integer options: the default when absent, the number when valid, else what it must be', () => {
  assert.equal(intOption('reps', undefined, 3), 3);
  assert.equal(intOption('reps', '5', 3), 5);
  assert.equal(intOption('stability-ms', '0', 400, 0), 0);
  assert.match(String(intOption('reps', 'abc', 3)), /--reps must be an integer ≥ 1, not "abc"/);
  assert.match(String(intOption('reps', '0', 3)), /≥ 1/);
  assert.match(String(intOption('reps', '2.5', 3)), /integer/);
  // Decimal digits only: Number() would take each of these.
  for (const raw of ['', ' 2', '0x2', '1e3', '0b11', '+3', '2 '])
    assert.match(String(intOption('threads', raw, 0, 0)), /must be an integer ≥ 0/, JSON.stringify(raw));
  assert.equal(intOption('threads', '256', 0, 0, 256), 256);
  assert.equal(intOption('threads', '99999', 0, 0, 256), '--threads must be at most 256, not 99999');
});

// The scripts themselves, as a newcomer runs them: --help is the usage and exit 0, a mistake the usage and exit 2.
const script = (file: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', file, ...args], { encoding: 'utf8', timeout: 60_000 });

for (const file of [
  'app/eval/main.ts',
  'app/watch/main.ts',
  'test/bench/bench.ts',
  'test/bench/accuracy.ts',
]) {
  test(`${file}: --help prints the usage (exit 0); an unknown option is one line and the usage (exit 2)`, () => {
    const help = script(file, ['--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^usage: /);
    const bad = script(file, ['--no-such-option']);
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, /^unknown option --no-such-option\nusage: /);
    assert.doesNotMatch(bad.stderr, /at parseArgs|node:internal/);
  });
}

test('bad values are refused before any work starts: bench --reps, accuracy --tools, eval without a folder', () => {
  const reps = script('test/bench/bench.ts', ['--reps', 'many']);
  assert.equal(reps.status, 2);
  assert.match(reps.stderr, /^--reps must be an integer ≥ 1, not "many"\nusage: /);
  const tools = script('test/bench/accuracy.ts', ['--tools', 'lantern,nope']);
  assert.equal(tools.status, 2);
  assert.match(tools.stderr, /^--tools: no tool "nope"/);
  const noDir = script('app/eval/main.ts', []);
  assert.equal(noDir.status, 2);
  assert.match(noDir.stderr, /^no folder given\nusage: /);
  const missing = script('app/eval/main.ts', ['/no/such/folder']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^no folder \/no\/such\/folder/);
});
