/** `serve` as a child process, for tests that need a real server (restarts, its exit, its log). */
import { spawn, type ChildProcess } from 'node:child_process';

/** A started serve: its output so far, its exit code once it exits, and its URL and token once it serves. */
export interface ServeChild {
  readonly child: ChildProcess;
  readonly io: { out: string; err: string };
  readonly exited: Promise<number | null>;
  /** Its URL and token once it prints them; null when it exits first. */
  readonly serving: Promise<{ readonly base: string; readonly token: string } | null>;
}

/** Starts `dist/node/serve.mjs --port 0 ARGS` (build:node first). */
export function spawnServe(args: readonly string[]): ServeChild {
  const child = spawn(process.execPath, ['dist/node/serve.mjs', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const io = { out: '', err: '' };
  child.stderr!.on('data', (c: Buffer) => (io.err += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const serving = new Promise<{ base: string; token: string } | null>((resolve) => {
    child.stdout!.on('data', (c: Buffer) => {
      io.out += c.toString();
      const m = /serving on (http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)/.exec(io.out);
      if (m) resolve({ base: m[1]!, token: m[2]! });
    });
    void exited.then(() => resolve(null));
  });
  return { child, io, exited, serving };
}

/** spawnServe, resolved once it serves; rejects with its stderr when it exits first. */
export async function startedServe(
  args: readonly string[],
): Promise<ServeChild & { base: string; token: string }> {
  const s = spawnServe(args);
  const at = await s.serving;
  if (!at) throw new Error(`serve exited: ${s.io.err}`);
  return { ...s, ...at };
}
