#!/usr/bin/env node
// The `lantern` command (package.json bin): runs the bundled CLI.
await import('../dist/node/cli.mjs');
