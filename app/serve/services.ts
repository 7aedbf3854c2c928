/**
 * The services behind `serve`: with `--data DIR`, settings, history and the watch ledger persist there; without it,
 * settings live in memory and the ledger is in memory too, except that `--watch` keeps its ledger beside the outputs
 * (`<out>/.lantern-ledger.db`) so a restarted server resumes where it stopped.
 */
import { existsSync, mkdirSync, statfsSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import path from 'node:path';
import { documentThread, documentThreadEntry } from '../documents/document-thread-client';
import type { EngineHost } from '../engine/host';
import type { HttpBackend, SettingsService } from '../http/backend';
import { SettingsStore } from '../settings/settings-store';
import { isDiskFailure } from '../watch/disk-failure';
import { LedgerRefusal } from '../watch/ledger-refusal';
import { openLedgerSettingAside, type OpenedLedger } from '../watch/ledger-set-aside';
import { watchOutDirs } from '../watch/out-dirs';
import { WatchManager } from '../watch/watch-manager';
import type { ServeOptions } from './args';
import { memorySettings } from './memory-services';

/** Everything serve runs beside the engine, and how to stop it. */
export interface ServeServices {
  readonly backend: HttpBackend;
  readonly watch: WatchManager;
  close(): Promise<void>;
}

/**
 * Settings stored in the data folder, applied to the engine. What the command line names (`--provider`, `--threads`)
 * is saved over the stored values first: the flag an operator gave is what runs, and what the settings show.
 */
async function persistentSettings(
  engine: EngineHost,
  store: SettingsStore,
  flags: ServeOptions['engineFlags'],
  log: (level: string, msg: string) => void,
): Promise<SettingsService> {
  const named = Object.entries(flags);
  if (named.length > 0) {
    await store.set(flags);
    const what = named.map(([k, v]) => `--${k} ${String(v)}`).join(' and ');
    log('info', `${what} saved to the settings (${path.resolve(store.file)})`);
  }
  const s = store.get();
  engine.reconfigure({ provider: s.provider, threads: s.threads, idlePolicy: s.idlePolicy });
  const runtime = { mode: 'serve', file: path.resolve(store.file) } as const;
  return {
    get: () => ({ ...store.get(), runtime }),
    set: async (patch) => {
      const next = await store.set(patch);
      engine.reconfigure({ provider: next.provider, threads: next.threads, idlePolicy: next.idlePolicy });
      return { ...next, runtime };
    },
  };
}

/** The stored settings; a file that could not be used is named in the log, since a server has no window to say it. */
function openSettings(dir: string, log: (level: string, msg: string) => void): SettingsStore {
  const store = SettingsStore.open(dir);
  if (store.notice !== null) log('warn', `${store.notice} (${path.resolve(store.file)})`);
  return store;
}

/** Opens the ledger and settings, starts the watch manager and adds the `--watch` folders. */
export async function openServeServices(
  engine: EngineHost,
  opts: ServeOptions,
  log: (level: string, msg: string) => void,
): Promise<ServeServices> {
  let ledgerFile = ':memory:';
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    ledgerFile = path.join(opts.dataDir, 'lantern.db');
  } else if (opts.out) {
    mkdirSync(opts.out, { recursive: true });
    ledgerFile = path.join(opts.out, '.lantern-ledger.db');
  }
  const { ledger, notice: ledgerNotice } = openLedger(ledgerFile, log);
  // What is open so far, last opened first (also how close() stops it all): a start that fails part-way gives up the
  // ledger (its owner and lock files) and stops what it started, so the process exits with nothing left behind.
  const undo: (() => Promise<void> | void)[] = [() => ledger.close()];
  try {
    ledger.history.onUnreadable((m) => log('warn', m));
    const settings = opts.dataDir
      ? await persistentSettings(engine, openSettings(opts.dataDir, log), opts.engineFlags, log)
      : memorySettings(engine, opts);
    // PDFium and pdf-lib on their own thread, as in the desktop app: a big page's rendering never holds up the probes.
    const entry = documentThreadEntry();
    const documents = existsSync(entry) ? documentThread(entry) : undefined;
    if (documents) undo.unshift(() => documents.close());
    if (!documents) log('warn', `no ${entry}: documents are read on the server's own thread`);
    const watch = new WatchManager({
      ledger,
      service: engine,
      log,
      ledgerNotice,
      ...(documents ? { documents } : {}),
    });
    undo.unshift(() => watch.close());
    // A headless server has no window: each watched file's outcome is a log line (a failure says why).
    watch.onOutcome((o) => {
      if (o.state === 'failed') log('warn', `watch: ${o.file}: ${o.code ?? 'FAILED'}: ${o.message ?? ''}`);
      if (o.state === 'done')
        log(
          'info',
          `watch: ${o.file}: read (${o.pages ?? 1} page(s), ${o.pagesFailed ?? 0} failed, ${Math.round(o.ms)} ms)${o.warnings?.length ? `; warnings: ${o.warnings.join(', ')}` : ''}`,
        );
    });
    await watch.start();
    // The ledger beside the outputs goes when the output folder is deleted: the server would go on writing to a file
    // that no longer exists and read everything again after a restart. Pause, and say so, instead.
    const ledgerGone = (now: Stats) => {
      if (now.nlink > 0 || watch.isPaused) return;
      watch.setPaused(true);
      log(
        'warn',
        `the ledger ${ledgerFile} was deleted (with its folder?): watching is paused; restart serve to begin a new ledger`,
      );
    };
    if (ledgerFile !== ':memory:') {
      watchFile(ledgerFile, { interval: 1000, persistent: false }, ledgerGone);
      undo.unshift(() => unwatchFile(ledgerFile, ledgerGone));
    }
    // Command-line folders are relative to where the command runs; WatchManager takes absolute paths only.
    const outs = watchOutDirs(path.resolve(opts.out ?? '.'), opts.watch);
    for (const [i, dir] of opts.watch.map((d) => path.resolve(d)).entries()) {
      const out = outs[i]!;
      await watch.add(dir, { outDir: out, formats: opts.formats });
      log('info', `watching ${dir} → ${out}`);
    }
    return {
      backend: { engine, history: ledger.history, settings, watch, ...(documents ? { documents } : {}) },
      watch,
      close: async () => {
        for (const step of undo) await step();
      },
    };
  } catch (err) {
    for (const step of undo)
      await Promise.resolve()
        .then(step)
        .catch(() => undefined); // each step is tried; the start's own error is the one to report
    throw err;
  }
}

/**
 * The watch ledger (one SQLite cannot read is kept aside and begun anew, in the log), or an error naming its file and,
 * when the disk failed, the free space of its disk: SQLite says only "disk I/O error" when the disk is full.
 */
function openLedger(file: string, log: (level: string, msg: string) => void): OpenedLedger {
  try {
    const opened = openLedgerSettingAside(file);
    if (opened.notice !== null) log('warn', `${opened.notice.code}: ${opened.notice.message}`);
    return opened;
  } catch (err) {
    if (file === ':memory:') throw err;
    // A refusal names the file itself: said once.
    const why = err instanceof LedgerRefusal && err.file === file ? `it ${err.why}` : (err as Error).message;
    const reason = `cannot open the watch ledger ${file}: ${why}`;
    if (!isDiskFailure(err)) throw new Error(reason, { cause: err });
    const fs = (() => {
      try {
        return statfsSync(path.dirname(file));
      } catch {
        return undefined;
      }
    })();
    const free = fs ? ` (${Math.floor((fs.bavail * fs.bsize) / 1024)} KiB free on its disk)` : '';
    throw new Error(`${reason}${free}`, { cause: err });
  }
}
