/** Electron's `utilityProcess.fork` played by Node's fork, for the bundled main under a fake electron with real engines. */
import { fork, type ChildProcess, type Serializable } from 'node:child_process';
import type { UtilityProcessLike } from '../../main/electron-launcher';

/**
 * Forks `modulePath` as utilityProcess would (the worker talks over process.send, app/engine/worker-port.ts);
 * `intercept`, when given, sees each message first and calls `deliver` when main may have it.
 */
export function forkAsUtility(
  modulePath: string,
  args: string[],
  options: Record<string, unknown>,
  intercept?: (message: unknown, deliver: () => void) => void,
): { readonly child: ChildProcess; readonly utility: UtilityProcessLike } {
  const child = fork(modulePath, args, {
    env: options.env as NodeJS.ProcessEnv,
    // A utility process reads V8's flags from Chromium's --js-flags switch; Node takes them as they are.
    execArgv: ((options.execArgv as string[] | undefined) ?? []).flatMap((a) =>
      a.startsWith('--js-flags=') ? a.slice('--js-flags='.length).split(' ') : [a],
    ),
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const on = child.on.bind(child);
  // A ChildProcess whose pid is known once spawned, like a UtilityProcess's.
  const utility = Object.assign(child, {
    postMessage: (m: unknown) => void child.send(m as Serializable),
    ...(intercept
      ? {
          on: (event: string, listener: (...a: unknown[]) => void) =>
            event === 'message'
              ? on('message', (m: unknown) => intercept(m, () => listener(m)))
              : on(event, listener),
        }
      : {}),
  }) as UtilityProcessLike;
  return { child, utility };
}
