/**
 * Whether the process that started this one is gone. npm runs a script in a shell and forwards SIGTERM to that shell
 * only, which dies and leaves the script's node (serve and its engine, the CLI) running; started by npm, they stop
 * when their parent goes.
 */
import { processAlive } from '../os/process-alive';

/** How often the parent is looked at: a stopped npm is followed within about this long. */
export const PARENT_CHECK_MS = 500;

/**
 * Whether parent `ppid` has exited: on POSIX the orphan is adopted (its parent id, `now`, changes), on Windows the
 * parent id stays but names no process.
 */
export function parentGone(ppid: number, now = process.ppid): boolean {
  return now !== ppid || !processAlive(ppid);
}

/** Calls `onGone` once when the parent this process had at the call exits; returns a function that stops watching. */
export function watchParent(
  onGone: () => void,
  intervalMs = PARENT_CHECK_MS,
  ppid = process.ppid,
): () => void {
  const timer = setInterval(() => {
    if (!parentGone(ppid)) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  // Watching keeps nothing alive: a serve that ends on its own still exits.
  timer.unref();
  return () => clearInterval(timer);
}

/** Whether this process runs as an npm script (`npm run serve`, `npm run ocr`), whose shell alone gets npm's SIGTERM. */
export function startedByNpm(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.npm_lifecycle_event !== undefined;
}
