/** Temporary folders for Node test files, removed when they are done: the suite runs on shared machines. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, type TestContext } from 'node:test';

/** A new temporary folder, removed after the test `t` or, without one, after the test file. */
export function tempFolder(prefix: string, t?: TestContext): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  if (t) t.after(remove);
  else after(remove);
  return dir;
}
