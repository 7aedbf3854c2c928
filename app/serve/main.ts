/** `npm run serve`: the resident engine, the HTTP API and the web UI in plain Node (no Electron), for servers and browsers. */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineHost } from '../engine/host';
import { NodeLauncher } from '../engine/node-launcher';
import { SHUTDOWN_GRACE_MS } from '../engine/worker-slot';
import { startHttpServer } from '../http/server';
import { modelsDir } from '../models/paths';
import { parseServeArgs, SERVE_USAGE, servingLine, type ServeOptions } from './args';
import { tolerateLostStderr } from '../cli/stdout-guard';
import { listenErrorMessage } from './listen-error';
import { logLine } from './log-line';
import { openServeServices } from './services';
import { startedByNpm, watchParent } from '../cli/parent-watch';

/** The built renderer beside the bundle (dist/renderer), if it was built. */
function uiRoot(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [
    path.resolve(here, '..', 'renderer'),
    path.resolve(here, '..', '..', 'dist', 'renderer'),
  ]) {
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  return undefined;
}

async function main(opts: ServeOptions): Promise<void> {
  const token = opts.auth ? (opts.token ?? randomBytes(18).toString('base64url')) : null;
  const log = (level: string, msg: string) => console.error(logLine(level, msg));
  // The engine worker inherits this process's environment, where it reads the variant (rec-int8.ts).
  process.env.LANTERN_REC_VARIANT = opts.recVariant;
  const engine = new EngineHost({
    launcher: new NodeLauncher(undefined, (l) => log('engine', l)),
    modelsDir: modelsDir(),
    provider: opts.provider,
    threads: opts.threads,
    lanes: opts.lanes,
    crashPolicy: { healBaseMs: opts.selfHealMs },
    log,
  });
  let lastState = '';
  engine.onStatus((s) => {
    const quiet =
      (s.state === 'busy' && lastState === 'ready') || (s.state === 'ready' && lastState === 'busy');
    if (s.state === lastState || quiet) return;
    lastState = s.state;
    // A stopped engine is published as "unloaded" (its models are not loaded); the log says it stopped.
    const state = s.detail.code === 'STOPPED' ? 'stopped' : s.state;
    // A fault says why at once (an OOM kill is SIGKILL, a bug an exit code), not only once a crash loop ends in error.
    const fault = s.state === 'crashed' || s.state === 'hung' || s.state === 'error';
    log(
      fault ? 'warn' : 'info',
      `engine ${state}${s.state === 'ready' ? ` (${s.providerSummary}, rec ${s.recVariant}; load ${JSON.stringify(s.loadMs)} ms, warm-up ${s.warmupMs} ms, ready ${s.readyMs} ms after start)` : ''}${fault && s.error ? `: ${s.error.message}` : ''}${s.state === 'restarting' ? ` (${s.message})` : ''}`,
    );
  });
  engine.start();
  const services = await openServeServices(engine, opts, log);
  // A server that cannot listen (its port taken) ends the process: the services give up the ledger first.
  const server = await startHttpServer({
    backend: services.backend,
    host: opts.host,
    port: opts.port,
    token,
    uiRoot: uiRoot(),
    maxBodyBytes: opts.maxBodyMb * 1024 * 1024,
    maxHeldBytes: opts.maxHeldMb * 1024 * 1024,
    ...(opts.maxDocumentMb === undefined ? {} : { maxDocumentBytes: opts.maxDocumentMb * 1024 * 1024 }),
    requestTimeoutMs: opts.requestTimeoutMs,
    log,
  }).catch(async (err: unknown) => {
    await services.close().catch(() => undefined); // the listen error is the one to report
    throw err;
  });
  console.log(servingLine(server.url, token, opts.tokenFrom));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', `${signal}: stopping (grace ${opts.graceMs} ms)`);
    // In order: at the grace period's end the engine answers what remains 503 ENGINE_STOPPED; a second later the
    // connections still open are cut; a worker that does not exit is killed SHUTDOWN_GRACE_MS after the grace period;
    // whatever still holds on after that (a stuck close, a slow disk) does not keep the process alive, nor the worker.
    setTimeout(
      () => {
        log('warn', `${signal}: still stopping after the grace period; exiting`);
        engine.killWorker();
        process.exit(1);
      },
      opts.graceMs + SHUTDOWN_GRACE_MS + 2000,
    ).unref();
    const deadline = Date.now() + opts.graceMs;
    const closed = server.close(opts.graceMs + 1000);
    await services.watch.close();
    // Requests in progress finish with a working engine: a document submits its pages one by one, and an engine
    // already draining would refuse its next page. Only what is left at the deadline is failed by the engine's stop.
    let wait: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      closed,
      new Promise((r) => (wait = setTimeout(r, Math.max(0, deadline - Date.now())))),
    ]);
    clearTimeout(wait);
    await engine.stop(Math.max(0, deadline - Date.now()));
    await closed;
    await services.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // npm forwards SIGTERM to its script's shell, not to serve: serve follows npm when that shell goes.
  if (startedByNpm()) watchParent(() => void stop('parent process exited'));
}

// A log whose reader left (a closed pipe) drops its lines; serve goes on serving, and stops cleanly when told to.
tolerateLostStderr();
let opts: ServeOptions;
try {
  opts = parseServeArgs(process.argv.slice(2));
} catch (err) {
  console.error(`${(err as Error).message}\n${SERVE_USAGE}`);
  process.exit(2);
}
if (opts.help) {
  console.log(SERVE_USAGE);
  process.exit(0);
}
main(opts).catch((err: unknown) => {
  console.error(`serve: ${listenErrorMessage(err, opts.host, opts.port) ?? (err as Error).message}`);
  process.exit(1);
});
