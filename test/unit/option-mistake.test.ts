import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCliArgs } from '../../app/cli/args';
import { nearestOption } from '../../app/cli/option-mistake';
import { parseScriptArgs } from '../../app/cli/script-args';
import { parseServeArgs } from '../../app/serve/args';

const thrown = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  return assert.fail('no error thrown');
};

test('a mistyped option names the one meant: a slip (swapped, missing or extra letter) or the start of its name', () => {
  const known = ['format', 'provider', 'threads', 'port', 'host', 'searchable-pdf', 'force-ocr', 'formats'];
  assert.equal(nearestOption('--formt', known), 'format');
  assert.equal(nearestOption('--prot', known), 'port');
  assert.equal(nearestOption('--thread', known), 'threads');
  assert.equal(nearestOption('--providr=cpu', known), 'provider');
  assert.equal(nearestOption('--searchable', known), 'searchable-pdf');
  assert.equal(nearestOption('--Format', known), 'format');
  // Nothing close: no guess, rather than a wrong one.
  assert.equal(nearestOption('--verbose', known), undefined);
  assert.equal(nearestOption('--pt', known), undefined);
  assert.equal(nearestOption('-x', known), undefined);
  // A start shared by two options names neither.
  assert.equal(nearestOption('--for', known), undefined);
});

test("the CLI, serve and the scripts say which option was meant, without Node's hint where it does not apply", () => {
  assert.equal(
    thrown(() => parseCliArgs(['--formt', 'json', 'a.png'])),
    'unknown option --formt (did you mean --format?); a file whose name starts with "-" goes after --',
  );
  assert.equal(
    thrown(() => parseCliArgs(['-x.png'])),
    'unknown option -x; a file whose name starts with "-" goes after --',
  );
  assert.equal(
    thrown(() => parseServeArgs(['--prot', '9000'])),
    'unknown option --prot (did you mean --port?)',
  );
  assert.equal(
    thrown(() => parseServeArgs(['--whatch', 'in'])),
    'unknown option --whatch (did you mean --watch?)',
  );
  // Other mistakes keep Node's words.
  assert.equal(
    thrown(() => parseServeArgs(['--port'])),
    "Option '--port <value>' argument missing",
  );
  const script = parseScriptArgs(['--rep', '3'], { reps: { type: 'string' } } as const);
  assert.deepEqual(script, { kind: 'error', message: 'unknown option --rep (did you mean --reps?)' });
});
