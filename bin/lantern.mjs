#!/usr/bin/env node
// The `lantern` command (package.json bin): `lantern serve …` runs the server with its web UI, anything else the CLI.
if (process.argv[2] === 'serve') {
  process.argv.splice(2, 1);
  await import('../dist/node/serve.mjs');
} else {
  await import('../dist/node/cli.mjs');
}
