/** Applies settings as they change, without a restart: engine provider/threads/idle policy, launch at login. */
import type { Settings } from '../app/contracts/settings';
import type { IdlePolicy } from '../app/contracts/status';
import type { ProviderChoice } from '../app/ocr/providers';

/** What the effects act on. */
export interface SettingsEffectsDeps {
  readonly settings: { onChange(cb: (next: Settings, prev: Settings) => void): () => void };
  /** EngineHost.reconfigure: provider and threads reload the worker (its status goes starting → ready; not a restart). */
  readonly reconfigureEngine: (next: {
    provider: ProviderChoice;
    threads: number;
    idlePolicy: IdlePolicy;
  }) => void;
  readonly setLaunchAtLogin: (enabled: boolean) => Promise<void>;
  readonly log: (level: 'info' | 'warn', message: string) => void;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Subscribes; returns the unsubscribe function. */
export function setupSettingsEffects(d: SettingsEffectsDeps): () => void {
  return d.settings.onChange((next, prev) => {
    if (
      next.provider !== prev.provider ||
      next.threads !== prev.threads ||
      !same(next.idlePolicy, prev.idlePolicy)
    ) {
      d.log('info', `engine settings changed: provider ${next.provider}, threads ${next.threads}`);
      d.reconfigureEngine({ provider: next.provider, threads: next.threads, idlePolicy: next.idlePolicy });
    }
    if (next.launchAtLogin !== prev.launchAtLogin)
      d.setLaunchAtLogin(next.launchAtLogin).catch((err: unknown) =>
        d.log(
          'warn',
          `launch at login could not be ${next.launchAtLogin ? 'enabled' : 'disabled'}: ${(err as Error).message}`,
        ),
      );
  });
}
