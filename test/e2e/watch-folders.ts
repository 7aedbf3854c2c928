/** Folders of fixture images for the Batch & Watch specs, in a temporary root removed by `cleanup`. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { ROOT } from './serve-process';

/**
 * A temporary root with a folder `name` holding `count` PNGs of a test/fixtures image (`page-0.png`, …). Each copy
 * is one white row taller than the one before: byte-identical copies would be read once and the rest taken as
 * duplicates at once, and a batch of them could end before a spec pauses or cancels it.
 */
export async function imageFolder(
  fixture: string,
  count: number,
  name = 'batch',
): Promise<{ root: string; dir: string; cleanup: () => void }> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'lantern-e2e-folder-'));
  const dir = path.join(root, name);
  mkdirSync(dir);
  const white = { r: 255, g: 255, b: 255, alpha: 1 };
  const src = path.join(ROOT, 'test', 'fixtures', fixture);
  for (let i = 0; i < count; i++)
    await sharp(src)
      .extend({ bottom: i, background: white })
      .png()
      .toFile(path.join(dir, `page-${i}.png`));
  return { root, dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
