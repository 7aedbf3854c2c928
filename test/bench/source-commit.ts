/** The commit a benchmark measures, so a results file names the code behind its figures. */
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from './adapter';

/** `git describe --always --dirty` of the repository ("abc1234-dirty" with uncommitted changes), or undefined outside git. */
export function sourceCommit(): string | undefined {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    }).trim();
  } catch (err) {
    console.warn(`bench: no git commit to name (${(err as Error).message.split('\n')[0]})`);
    return undefined;
  }
}
