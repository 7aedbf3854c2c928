/** Starts `node dist/node/serve.mjs` on 127.0.0.1 with a random port and token, for the end-to-end tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The body of GET /health. */
export interface Health {
  readonly status: string;
  readonly model_loaded: boolean;
  readonly state: string;
  readonly provider: string | null;
  readonly engine_pid: number | null;
  readonly restarts: number;
}

/** A running serve process. */
export interface ServeHandle {
  /** The URL serve printed, with `?token=`. */
  readonly url: string;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly token: string;
  readonly proc: ChildProcess;
  /** What serve wrote to stderr so far (its log). */
  log(): string;
  health(): Promise<Health>;
  /** Waits until /ready answers 200. */
  waitReady(timeoutMs?: number): Promise<Health>;
  /** SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
  /** Stops it (if running) and starts it again with the same arguments on the same port, with `token` or the same one. */
  restart(o?: { readonly token?: string }): Promise<ServeHandle>;
}

/** Where a serve listens: a fixed port (a restart under an open page) and a given token; random ones otherwise. */
export interface ServeAt {
  readonly port?: number;
  readonly token?: string;
}

/** Spawns serve (with `env` added to ours) and resolves once it printed its URL. */
export async function startServe(
  extraArgs: readonly string[] = [],
  env: Readonly<Record<string, string>> = {},
  at: ServeAt = {},
): Promise<ServeHandle> {
  const bundle = path.join(ROOT, 'dist', 'node', 'serve.mjs');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run "npm run -s build" first`);
  if (!existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html')))
    throw new Error('dist/renderer/index.html is missing: run "npm run -s build" (build:renderer) first');
  const token = at.token ?? randomBytes(18).toString('base64url');
  const port = String(at.port ?? 0);
  const proc = spawn(
    process.execPath,
    [bundle, '--host', '127.0.0.1', '--port', port, `--token=${token}`, '--grace-ms', '3000', ...extraArgs],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let stderr = '';
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-200_000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`serve did not print its URL within 30 s\nstdout: ${out}\nstderr: ${stderr}`));
    }, 30_000);
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /Lantern OCR serving on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `serve exited (${signal ?? code}) before printing its URL\nstdout: ${out}\nstderr: ${stderr}`,
        ),
      );
    });
  });
  const origin = new URL(url).origin;
  const health = async (): Promise<Health> => {
    const res = await fetch(`${origin}/health`);
    return (await res.json()) as Health;
  };
  const stop = async (): Promise<void> => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 8000);
    await exited;
    clearTimeout(timer);
  };
  return {
    url,
    origin,
    token,
    proc,
    log: () => stderr,
    health,
    async waitReady(timeoutMs = 60_000): Promise<Health> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const res = await fetch(`${origin}/ready`).catch(() => null);
        if (res?.status === 200) return (await res.json()) as Health;
        if (Date.now() > until) throw new Error(`serve not ready after ${timeoutMs} ms\n${stderr}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    stop,
    async restart(o = {}): Promise<ServeHandle> {
      await stop();
      return startServe(extraArgs, env, { port: Number(new URL(origin).port), token: o.token ?? token });
    },
  };
}
