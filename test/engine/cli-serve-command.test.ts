/** `lantern serve …` is the server (with the web UI) on the same engine; any other first argument is the CLI's. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const lantern = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/lantern.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });

test('lantern serve runs the server: its --help, and its own refusals', () => {
  const help = lantern('serve', '--help');
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /^usage: lantern serve \[options\]/);
  assert.match(help.stdout, /--watch DIR/);
  const typo = lantern('serve', '--prot', '9000');
  assert.equal(typo.status, 2);
  assert.match(typo.stderr, /^unknown option --prot \(did you mean --port\?\)\nusage: lantern serve/);
});

test("lantern's own help names the serve command, and other arguments stay the CLI's", () => {
  const help = lantern('--help');
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /lantern serve \[options\]/);
  // A file that is not there is the CLI's error, even one named like another command.
  const file = lantern('--format', 'text', 'serve');
  assert.equal(file.status, 1);
  assert.match(file.stderr, /serve: FILE_NOT_FOUND/);
});
