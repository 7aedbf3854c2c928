/**
 * `tsx app/watch/main.ts --watch DIR [--watch DIR...] --out DIR [--db FILE] [--formats txt,json] [--recursive]
 * [--once]`: watches folders (or, with --once, OCRs them once and exits) with the in-process engine, printing one
 * tab-separated line per file: `done <file> <how> <ms>ms <text> pages=<n> failed=<n>` or
 * `failed <file> <code> <message>`, and `page <file> <n> <pages>` as each page of a document is read; with --once,
 * `notice <dir> <code> <message>` for what a batch could not read (sub-folders without permission) or left to a watch.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ZodError } from 'zod';
import { intOptionOrExit, parseScriptArgsOrExit, usageError } from '../cli/script-args';
import { InProcessOcrService } from '../engine/in-process-service';
import { watchOptionsSchema } from '../contracts/lantern-api';
import { openLedgerSettingAside } from './ledger-set-aside';
import { watchOutDirs } from './out-dirs';
import { WatchManager } from './watch-manager';

/** Usage text. */
export const WATCH_USAGE =
  'usage: tsx app/watch/main.ts --watch DIR [--watch DIR...] --out DIR [--db FILE] [--formats txt,json,md,pdf] [--recursive] [--once]';

async function main(): Promise<void> {
  const { values } = parseScriptArgsOrExit(WATCH_USAGE, {
    watch: { type: 'string', multiple: true, default: [] },
    out: { type: 'string' },
    db: { type: 'string' },
    formats: { type: 'string', default: 'txt' },
    recursive: { type: 'boolean', default: false },
    once: { type: 'boolean', default: false },
    'stability-ms': { type: 'string', default: '400' },
  });
  if (values.watch.length === 0 || !values.out)
    return usageError(WATCH_USAGE, '--watch and --out are required');
  const stability = intOptionOrExit(WATCH_USAGE, 'stability-ms', values['stability-ms'], 400, 0);
  const outDir = path.resolve(values.out);
  const options = watchOptionsSchema.parse({
    recursive: values.recursive,
    formats: values.formats.split(',').map((s) => s.trim()),
  });
  const dbFile = path.resolve(values.db ?? path.join(outDir, '.lantern-ledger.db'));
  // The ledger lives in the output folder by default: a new one is made, as the outputs would make it.
  mkdirSync(path.dirname(dbFile), { recursive: true });
  const log = (level: string, msg: string) => console.error(`${new Date().toISOString()} ${level} ${msg}`);
  // As serve does: a file SQLite cannot read is kept aside for the user and a new ledger begun, said in the log.
  const { ledger, notice: ledgerNotice } = openLedgerSettingAside(dbFile);
  if (ledgerNotice) log('warn', `${ledgerNotice.code}: ${ledgerNotice.message}`);
  const service = await InProcessOcrService.create();
  const manager = new WatchManager({ ledger, service, stabilityMs: stability, log, ledgerNotice });
  const flat = (s: string) => s.replace(/[\t\r\n]+/g, ' | ');
  let idleWait = false;
  manager.onOutcome((o) => {
    if (o.state === 'done')
      console.log(
        `done\t${o.file}\t${o.how}\t${Math.round(o.ms)}ms\t${flat(o.text ?? '')}\tpages=${o.pages ?? 1}\tfailed=${o.pagesFailed ?? 0}`,
      );
    if (o.state === 'failed') console.log(`failed\t${o.file}\t${o.code}\t${flat(o.message ?? '')}`);
    if (idleWait || values.once) return;
    idleWait = true;
    void manager.whenIdle().then(() => {
      idleWait = false;
      console.log('idle');
    });
  });
  const noticed = new Set<string>();
  manager.onEvent((e) => {
    if (e.type === 'page') console.log(`page\t${e.path}\t${e.page}\t${e.pages}`);
    if (e.type === 'folder' && e.folder.pausedReason)
      console.log(`paused\t${e.folder.dir}\t${e.folder.pausedReason}`);
    // A polled folder only: a damaged ledger is said in the log, and is not polling.
    if (e.type === 'folder' && e.folder.notice?.code === 'WATCH_POLLING' && !noticed.has(e.folder.id)) {
      noticed.add(e.folder.id);
      console.log(`polling\t${e.folder.dir}\t${e.folder.notice.code}\t${e.folder.notice.message}`);
    }
  });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await manager.close();
    ledger.close();
    await service.release();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(130));
  process.on('SIGTERM', () => void stop(143));
  await manager.start();
  const outDirs = watchOutDirs(outDir, values.watch);
  const perFolder = (dir: string) => ({ ...options, outDir: outDirs[values.watch.indexOf(dir)]! });
  if (values.once) {
    for (const dir of values.watch) {
      const job = await manager.batch(path.resolve(dir), perFolder(dir));
      const p = await job.ended;
      for (const n of [p.notice, p.skipped])
        if (n) console.log(`notice\t${path.resolve(dir)}\t${n.code}\t${flat(n.message)}`);
      console.log(
        `finished\t${path.resolve(dir)}\tdone=${p.done}\tfailed=${p.failed}\ttotal=${p.total}\trate=${p.rate}/s`,
      );
    }
    return stop(0);
  }
  for (const dir of values.watch) await manager.add(path.resolve(dir), perFolder(dir));
  console.log(`watching\t${values.watch.map((d) => path.resolve(d)).join('\t')}`);
}

main().catch((err: unknown) => {
  // Only options the schema refused are a usage mistake; a ledger in use or an engine that fails is not.
  if (err instanceof ZodError) usageError(WATCH_USAGE, `watch: ${err.message}`);
  console.error(`watch: ${(err as Error).message}`);
  process.exit(1);
});
