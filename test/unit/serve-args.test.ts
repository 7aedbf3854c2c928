import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseServeArgs } from '../../app/serve/args';

test('a token that starts with a dash (base64url can) is taken in the --token=T form', () => {
  assert.equal(parseServeArgs(['--token=-abcdefghijklmnop']).token, '-abcdefghijklmnop');
  assert.throws(() => parseServeArgs(['--token', '-abcdefghijklmnop']), /--token=-XYZ/);
});

test('short tokens, bad ports and unknown providers are refused with the reason', () => {
  assert.throws(() => parseServeArgs(['--token=short']), /at least 16/);
  assert.throws(() => parseServeArgs(['--port', '70000']), /0-65535/);
  assert.throws(() => parseServeArgs(['--provider', 'tpu']), /--provider must be one of/);
  assert.throws(() => parseServeArgs(['--watch', '/tmp/in']), /--watch needs --out/);
  assert.throws(() => parseServeArgs(['--threads', 'two']), /--threads must be an integer ≥ 0, not "two"/);
  assert.throws(() => parseServeArgs(['--max-body-mb', '0']), /--max-body-mb must be an integer ≥ 1/);
  assert.equal(parseServeArgs(['--grace-ms', '0']).graceMs, 0);
});

test('--help and -h ask for the usage', () => {
  assert.equal(parseServeArgs(['--help']).help, true);
  assert.equal(parseServeArgs(['-h']).help, true);
  assert.equal(parseServeArgs([]).help, false);
});
