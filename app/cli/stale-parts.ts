/**
 * Half-written PDFs a killed CLI left behind: each PDF is written as `<name>.<pid>.part` and renamed into place, so a
 * `kill -9` mid-write leaves that part file, which no later run would otherwise remove.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { processAlive } from '../os/process-alive';

/** A part file's name: a PDF's name (or its cut form, ending in a hash) and the writer's pid. */
const PART = /(?:\.pdf|~[0-9a-f]{8})\.(\d+)\.part$/i;

/** Removes the part files in `dir` whose writer is gone (never a live process's, which may still be writing). */
export async function removeStaleParts(
  dir: string,
  alive: (pid: number) => boolean = processAlive,
): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]); // a folder still to be made holds none
  for (const name of names) {
    const pid = Number(PART.exec(name)?.[1]);
    if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid))
      await rm(join(dir, name), { force: true });
  }
}
