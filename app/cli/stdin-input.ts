/** `-` as an input: the image or document piped in (`grim - | lantern -`). */
import { LanternError } from '../contracts/errors';

/** The input name that stands for stdin. */
export const STDIN = '-';

/** The most read from stdin, as a watched file's limit: a pipe that never ends must not take all memory. */
const MAX_STDIN_BYTES = 512 * 2 ** 20;

/** Reads all of stdin; FILE_UNREADABLE when it is a terminal (nothing was piped) or longer than the limit. */
export async function readStdin(stdin: NodeJS.ReadStream = process.stdin): Promise<Buffer> {
  if (stdin.isTTY)
    throw new LanternError('FILE_UNREADABLE', 'stdin is a terminal: pipe an image or a document into "-"');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stdin) {
    const c = chunk as Buffer;
    total += c.length;
    if (total > MAX_STDIN_BYTES)
      throw new LanternError('PAYLOAD_TOO_LARGE', `stdin holds more than ${MAX_STDIN_BYTES / 2 ** 20} MiB`);
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}
