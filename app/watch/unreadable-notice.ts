/** What a batch tells about the sub-folders its scan could not read, so that their files are not missed unawares. */
import type { BatchNotice } from '../contracts/lantern-api';

/** Most sub-folders named in the message (all of them are in `dirs`). */
const NAMED = 5;

/** A FOLDERS_UNREADABLE notice naming the sub-folders that could not be read, or undefined when there are none. */
export function unreadableNotice(dirs: readonly string[]): BatchNotice | undefined {
  if (dirs.length === 0) return undefined;
  const sorted = [...dirs].sort();
  const named = sorted.slice(0, NAMED).map((d) => `${d} (permission denied)`);
  const more = dirs.length > NAMED ? ` and ${dirs.length - NAMED} more` : '';
  const what = dirs.length === 1 ? 'a sub-folder' : `${dirs.length} sub-folders`;
  return {
    code: 'FOLDERS_UNREADABLE',
    message: `could not read ${what}, whose files were skipped: ${named.join(', ')}${more}`,
    dirs: sorted,
  };
}
