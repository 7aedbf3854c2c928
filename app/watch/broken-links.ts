/**
 * Symbolic links in a watched folder that lead to no file (a loop, a link to a file that does not exist): chokidar
 * cannot stat them and drops them without a word, so they are found from raw events (or, in a polled folder, which
 * hears of none, from its listings) and reported, to fail with their reason when read; such a link removed is
 * reported gone, whether it was found by an event or by a listing.
 */
import { lstat, stat } from 'node:fs/promises';
import path from 'node:path';
import { nameBytes } from './file-names';
import { brokenLink } from './scan';

/** What a broken link's watcher does with it. */
export interface BrokenLinkReports {
  /** Whether the watcher that heard the event is still the open one. */
  current(): boolean;
  /** A broken link made: report it like a complete file. */
  report(rel: string, abs: string | Buffer, size: number, mtimeMs: number): void;
  /** A broken link reported before is gone. */
  gone(rel: string): void;
}

/** Whether `abs` is a symbolic link that leads to no file. */
async function leadsNowhere(abs: string | Buffer): Promise<boolean> {
  const st = await lstat(abs).catch(() => null);
  return (
    st !== null &&
    st.isSymbolicLink() &&
    (await stat(abs).then(
      () => false,
      () => true,
    ))
  );
}

/** The broken links one watched folder has reported, by path relative to it. */
export class BrokenLinks {
  private readonly links = new Set<string>();

  /** A name made or removed in a watched folder (`abs`, an input by its name): reports it when it is a broken link. */
  async renamed(rel: string, abs: string | Buffer, on: BrokenLinkReports): Promise<void> {
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

  /** A file a listing of the folder found and reported: remembered when it is a broken link, whose removal counts. */
  async listed(rel: string, abs: string | Buffer): Promise<void> {
    if (await leadsNowhere(abs)) this.links.add(rel);
  }

  /**
   * A polled folder listed again (`links`, its matching files that are symbolic links: a regular file never leads
   * nowhere, and stat()ing each file of a large folder on every tick costs seconds): broken links not reported yet
   * are, and ones no longer listed as links are checked for removal. Names that are not UTF-8 are left to the escaped
   * listing, which reports them.
   */
  async sweep(dir: string, links: readonly string[], on: BrokenLinkReports): Promise<void> {
    const present = new Set(links);
    for (const rel of [...this.links])
      if (!present.has(rel)) await this.renamed(rel, path.join(dir, rel), on);
    for (const rel of links) {
      if (!on.current()) return;
      if (this.links.has(rel) || nameBytes(rel) !== null) continue;
      const abs = path.join(dir, rel);
      if (await leadsNowhere(abs)) await this.renamed(rel, abs, on);
    }
  }

  /** Forgets them all: a reopened watcher finds them again. */
  clear(): void {
    this.links.clear();
  }
}
