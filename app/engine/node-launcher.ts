/** Starts engine workers with Node's child_process.fork (serve, CLI, tests); Electron uses main/electron-launcher.ts. */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerMessage } from '../contracts/engine-protocol';
import { workerEnv, type WorkerHandle, type WorkerLauncher, type WorkerOptions } from './launcher';
import { ENGINE_EXEC_ARGV } from './v8-flags';
import { outputLines } from './output-lines';

/** Finds the bundled worker: LANTERN_ENGINE_PATH, a sibling engine.mjs (inside dist/node), or <repo>/dist/node/engine.mjs. */
export function defaultEnginePath(): string {
  if (process.env.LANTERN_ENGINE_PATH) return process.env.LANTERN_ENGINE_PATH;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  if (existsSync(path.join(dir, 'engine.mjs'))) return path.join(dir, 'engine.mjs');
  for (;;) {
    const candidate = path.join(dir, 'dist', 'node', 'engine.mjs');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('dist/node/engine.mjs not found: run "npm run build"');
    dir = parent;
  }
}

/** A launcher over child_process.fork with structured-clone IPC; worker stdout/stderr lines go to `onOutput`. */
export class NodeLauncher implements WorkerLauncher {
  constructor(
    private readonly enginePath = defaultEnginePath(),
    private readonly onOutput: (line: string) => void = (l) => process.stderr.write(`[engine] ${l}\n`),
  ) {}

  launch(options: WorkerOptions): WorkerHandle {
    const child = fork(this.enginePath, [], {
      // The bundle needs no loader, and the parent's flags (tsx under the tests and the bench) would slow its start.
      execArgv: [...ENGINE_EXEC_ARGV],
      serialization: 'advanced',
      env: { ...process.env, ...workerEnv(options) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      const lines = outputLines(this.onOutput);
      stream?.on('data', (chunk: Buffer) => lines.push(chunk));
      stream?.on('end', () => lines.end());
    }
    child.on('error', () => {}); // reported through 'exit'
    return {
      pid: child.pid,
      send: (m) => {
        if (child.connected) child.send(m);
      },
      onMessage: (cb) => child.on('message', (m) => cb(m as WorkerMessage)),
      onExit: (cb) => child.once('exit', (code, signal) => cb({ code, signal })),
      kill: (signal = 'SIGKILL') => {
        child.kill(signal);
      },
    };
  }
}
