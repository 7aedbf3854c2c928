/**
 * File names that are not valid UTF-8 (Linux allows any bytes but "/" and NUL: a Latin-1 "café.png" copied from an
 * old disk). Node's string paths turn such bytes into U+FFFD, a name no file has, so they are listed with their raw
 * bytes and kept as a text form that maps back exactly: each byte that is not part of valid UTF-8 as `\xHH`, and a
 * backslash as `\\` (only in such a path; a valid one is kept as it is). The ledger, events and output names use the
 * text form; the file itself is opened by its bytes.
 */
import { isUtf8 } from 'node:buffer';
import { lstat } from 'node:fs/promises';
import path from 'node:path';

/** Length of the UTF-8 sequence a lead byte starts (0: it starts none). */
const sequenceLength = (lead: number): number =>
  lead < 0x80
    ? 1
    : lead >= 0xc2 && lead < 0xe0
      ? 2
      : lead >= 0xe0 && lead < 0xf0
        ? 3
        : lead >= 0xf0 && lead < 0xf5
          ? 4
          : 0;

/** The text form of a name or relative path from its bytes: itself when valid UTF-8, else escaped as above. */
export function displayName(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (isUtf8(b)) return b.toString('utf8');
  let out = '';
  for (let i = 0; i < b.length;) {
    const n = sequenceLength(b[i]!);
    const seq = b.subarray(i, i + n);
    if (n > 0 && seq.length === n && isUtf8(seq)) {
      const ch = seq.toString('utf8');
      out += ch === '\\' ? '\\\\' : ch;
      i += n;
    } else {
      out += `\\x${b[i]!.toString(16).toUpperCase().padStart(2, '0')}`;
      i += 1;
    }
  }
  return out;
}

/** The bytes a text form stands for, or null when `text` is not one (it would decode to valid UTF-8). */
export function nameBytes(text: string): Buffer | null {
  if (!text.includes('\\x')) return null;
  const parts: Buffer[] = [];
  for (let i = 0; i < text.length;) {
    const hex = text.slice(i + 2, i + 4);
    if (text.startsWith('\\\\', i)) {
      parts.push(Buffer.from('\\'));
      i += 2;
    } else if (text.startsWith('\\x', i) && /^[0-9A-F]{2}$/.test(hex)) {
      parts.push(Buffer.from([parseInt(hex, 16)]));
      i += 4;
    } else {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      parts.push(Buffer.from(ch));
      i += ch.length;
    }
  }
  const bytes = Buffer.concat(parts);
  return isUtf8(bytes) ? null : bytes;
}

/** Whether something (a file, a folder, a link) is at `p`. */
const present = (p: string | Buffer) =>
  lstat(p).then(
    () => true,
    () => false,
  );

/**
 * The path to open for file `rel` of folder `dir`: `rel` itself, or the raw bytes its text form stands for when no
 * file has the text form's own name and one has those bytes (a valid name that only looks escaped stays itself).
 */
export async function inputPath(dir: string, rel: string): Promise<string | Buffer> {
  const literal = path.join(dir, rel);
  const bytes = nameBytes(rel);
  if (!bytes || (await present(literal))) return literal;
  const raw = Buffer.concat([Buffer.from(path.join(dir, path.sep)), bytes]);
  return (await present(raw)) ? raw : literal;
}
