/** `-` as an input: the image or document piped in (`grim - | lantern -`). */
import { LanternError } from '../contracts/errors';
import { MAX_INPUT_BYTES } from '../files/read-input-path';

/** The input name that stands for stdin. */
export const STDIN = '-';

/**
 * Reads all of stdin: FILE_UNREADABLE when it is a terminal (nothing was piped), IMAGE_TOO_LARGE past the limit of
 * every input read (a pipe that never ends must not take all memory).
 */
export async function readStdin(stdin: NodeJS.ReadStream = process.stdin): Promise<Buffer> {
  if (stdin.isTTY)
    throw new LanternError('FILE_UNREADABLE', 'stdin is a terminal: pipe an image or a document into "-"');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stdin) {
    const c = chunk as Buffer;
    total += c.length;
    if (total > MAX_INPUT_BYTES)
      throw new LanternError('IMAGE_TOO_LARGE', `stdin is over the ${MAX_INPUT_BYTES / 2 ** 20} MiB limit`);
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}
