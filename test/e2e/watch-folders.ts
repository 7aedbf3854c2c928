/** Folders of fixture images for the Batch & Watch specs, in a temporary root removed by `cleanup`. */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './serve-process';

/** A temporary root with a folder `name` holding `count` copies of a test/fixtures image (`page-0.png`, …). */
export function imageFolder(
  fixture: string,
  count: number,
  name = 'batch',
): { root: string; dir: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'lantern-e2e-folder-'));
  const dir = path.join(root, name);
  mkdirSync(dir);
  const ext = path.extname(fixture);
  for (let i = 0; i < count; i++)
    copyFileSync(path.join(ROOT, 'test', 'fixtures', fixture), path.join(dir, `page-${i}${ext}`));
  return { root, dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
