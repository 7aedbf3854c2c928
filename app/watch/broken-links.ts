/**
 * Symbolic links in a watched folder that lead to no file (a loop, a link to a file that does not exist): chokidar
 * cannot stat them and drops them without a word, so they are found from raw events and reported, to fail with their
 * reason when read; such a link removed is reported gone.
 */
import { lstat } from 'node:fs/promises';
import { brokenLink } from './scan';

/** What a broken link's watcher does with it. */
export interface BrokenLinkReports {
  /** Whether the watcher that heard the event is still the open one. */
  current(): boolean;
  /** A broken link made: report it like a complete file. */
  report(rel: string, abs: string, size: number, mtimeMs: number): void;
  /** A broken link reported before is gone. */
  gone(rel: string): void;
}

/** The broken links one watched folder has reported, by path relative to it. */
export class BrokenLinks {
  private readonly links = new Set<string>();

  /** A name made or removed in a watched folder (`abs`, an input by its name): reports it when it is a broken link. */
  async renamed(rel: string, abs: string, on: BrokenLinkReports): Promise<void> {
    const link = await brokenLink(rel, abs);
    if (!on.current()) return;
    if (link) {
      this.links.add(rel);
      return on.report(rel, abs, link.size, link.mtimeMs);
    }
    const gone = !(await lstat(abs).then(
      () => true,
      () => false,
    ));
    if (gone && this.links.delete(rel) && on.current()) on.gone(rel);
  }

  /** Forgets them all: a reopened watcher finds them again. */
  clear(): void {
    this.links.clear();
  }
}
