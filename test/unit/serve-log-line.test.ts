import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logLine } from '../../app/serve/log-line';

test('a log line stays one line: a newline in a file name is shown escaped, not as a line of its own', () => {
  const at = new Date('2026-12-06T12:00:00Z');
  assert.equal(
    logLine('warn', 'watch: /in/a\n2026-12-06T00:00:00.000Z info fake.png: BAD_IMAGE', at),
    '2026-12-06T12:00:00.000Z warn watch: /in/a\\x0a2026-12-06T00:00:00.000Z info fake.png: BAD_IMAGE',
  );
  assert.equal(logLine('info', 'tab\there\u007f', at), '2026-12-06T12:00:00.000Z info tab\\x09here\\x7f');
});
