/** Which files of a drop, paste or open the strip takes (a format Lantern reads), and what the others are. */
import { extensionOf, inputFormatOf } from '../../../app/contracts/input-formats';

/** A dropped, pasted or opened file that was not added, and what kind of file it is (extension or type). */
export interface RejectedFile {
  readonly name: string;
  /** "PDF", "BMP", a MIME type, or '' when nothing tells. */
  readonly kind: string;
}

/** What kind of file a rejected one is, for the message ("PDF"). */
function kindOf(f: { readonly name: string; readonly type: string }): string {
  return extensionOf(f.name).toUpperCase() || f.type;
}

/**
 * Whether a file is taken: a format Lantern reads, or one nothing names (no extension, no type: a scanner's `scan`,
 * which the engine tells from its bytes and refuses with BAD_IMAGE if it is not one).
 */
const taken = (f: { readonly name: string; readonly type: string }): boolean =>
  inputFormatOf(f) !== undefined || (extensionOf(f.name) === '' && f.type === '');

/** The files in a supported format, in order, and the others as the message names them. */
export function sortOutFiles<F extends { readonly name: string; readonly type: string }>(
  files: readonly F[],
): { readonly supported: readonly F[]; readonly rejected: readonly RejectedFile[] } {
  return {
    supported: files.filter(taken),
    rejected: files.filter((f) => !taken(f)).map((f) => ({ name: f.name || 'pasted file', kind: kindOf(f) })),
  };
}
