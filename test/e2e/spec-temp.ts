/** A spec file's temporary folder: made on first use and removed after the file's tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from '@playwright/test';

/**
 * Returns a getter for the spec's temporary folder. Made lazily because Playwright also loads spec files in its runner
 * process, where no afterAll runs: a folder made at load time there is never removed.
 */
export function specTempDir(prefix: string): () => string {
  let dir: string | undefined;
  test.afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return () => (dir ??= mkdtempSync(path.join(os.tmpdir(), prefix)));
}
