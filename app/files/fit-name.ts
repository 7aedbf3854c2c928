/** File names cut to what file systems accept, for outputs named after inputs whose names may already be that long. */
import { createHash } from 'node:crypto';

/** Longest file name most file systems accept, in bytes. */
export const NAME_MAX = 255;

/** Shortens a name to `max` UTF-8 bytes (cut at a character boundary, plus a hash of the full name to stay unique). */
export function fitName(name: string, max: number): string {
  if (Buffer.byteLength(name) <= max) return name;
  const tag = `~${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
  let out = '';
  for (const ch of name) {
    if (Buffer.byteLength(out + ch) > max - tag.length) break;
    out += ch;
  }
  return out + tag;
}
