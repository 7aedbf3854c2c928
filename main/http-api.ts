/**
 * The optional local HTTP API of the desktop app (setting `http.enabled`): started, stopped or moved when the setting
 * changes; a token is generated and saved the first time it is switched on. Binds 127.0.0.1 only.
 */
import { randomBytes } from 'node:crypto';
import type { Settings } from '../app/contracts/settings';

/** A running server (startHttpServer's result fits). */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** What the controller needs. */
export interface HttpApiDeps {
  readonly settings: {
    get(): Settings;
    set(patch: Partial<Settings>): Promise<Settings>;
    onChange(cb: (next: Settings, prev: Settings) => void): () => void;
  };
  /** Starts the server on 127.0.0.1 with this port and token. */
  readonly start: (o: { port: number; token: string }) => Promise<RunningServer>;
  readonly log: (level: 'info' | 'warn', message: string) => void;
  /** Tells the user the API they switched on is not running (Settings shows it on; only the log knew otherwise). */
  readonly notify?: (title: string, body: string) => void;
}

/** The controller: `close()` stops the server for good. */
export interface HttpApiController {
  /** Resolves once the latest settings have been applied (tests; start-up). */
  settled(): Promise<void>;
  /** The server's URL while it runs. */
  readonly url: string | null;
  close(): Promise<void>;
}

/** Applies the `http` setting now and on every change. */
export function setupHttpApi(d: HttpApiDeps): HttpApiController {
  let server: RunningServer | null = null;
  let running: { port: number; token: string } | null = null;
  let closed = false;
  let chain: Promise<void> = Promise.resolve();

  const apply = async (): Promise<void> => {
    const h = d.settings.get().http;
    const want = !closed && h.enabled;
    if (want && h.token === null) {
      // Saving the token triggers another apply, which starts the server.
      await d.settings.set({ http: { ...h, token: randomBytes(24).toString('base64url') } });
      return;
    }
    if (server && (!want || running?.port !== h.port || running?.token !== h.token)) {
      await server.close();
      d.log('info', `HTTP API stopped (${server.url})`);
      server = null;
      running = null;
    }
    if (want && !server && h.token !== null) {
      try {
        server = await d.start({ port: h.port, token: h.token });
        running = { port: h.port, token: h.token };
        d.log('info', `HTTP API listening on ${server.url}`);
      } catch (err) {
        const why = (err as Error).message;
        d.log('warn', `HTTP API could not start on port ${h.port}: ${why}`);
        d.notify?.(
          'The HTTP API is not running',
          `It could not listen on port ${h.port} (${why}). Choose another port in Settings.`,
        );
      }
    }
  };
  const schedule = () => {
    chain = chain
      .then(apply, apply)
      .catch((err: unknown) => d.log('warn', `HTTP API: ${(err as Error).message}`));
    return chain;
  };
  const off = d.settings.onChange((next, prev) => {
    if (JSON.stringify(next.http) !== JSON.stringify(prev.http)) void schedule();
  });
  void schedule();
  return {
    settled: () => chain,
    get url() {
      return server?.url ?? null;
    },
    close: () => {
      closed = true;
      off();
      return schedule();
    },
  };
}
