/**
 * One run at a time writes into a `--searchable-pdf` folder: two at once would each name their PDFs from what the
 * folder held when they started, and the later rename would silently replace the other run's PDF of the same name.
 * The run holds `DIR/.lantern-cli.owner` (its pid; owner-file.ts) until it ends; a killed run's is taken over.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { claimOwnerFile } from '../os/owner-file';

/** The owner file's name; `.lantern-*` names are never taken as inputs by a watched folder. */
export const PDF_DIR_OWNER = '.lantern-cli.owner';

/** The claim on DIR, given up once the run ends (exit or signal). */
let held: { readonly release: () => void } | undefined;

/**
 * Claims DIR (made if missing) for this run; the message (with its code, FOLDER_BUSY) when another live run holds it.
 * The claim is given up by releasePdfDir(), and by this process's exit.
 */
export function claimPdfDir(dir: string, given: string): string | undefined {
  mkdirSync(dir, { recursive: true });
  const claim = claimOwnerFile(join(dir, PDF_DIR_OWNER));
  if (!claim.claimed) {
    const who = claim.pid > 0 ? `another lantern run (process ${claim.pid})` : 'another lantern run';
    return `FOLDER_BUSY: --searchable-pdf ${given}: ${who} is writing into this folder; wait for it to end, or give another folder`;
  }
  held = claim.ownership;
  process.once('exit', releasePdfDir);
  return undefined;
}

/** Gives up the claim on DIR, so that the next run takes it (a signal ends the run before 'exit' would). */
export function releasePdfDir(): void {
  held?.release();
  held = undefined;
}
