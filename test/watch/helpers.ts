/** Helpers for the watch tests: temporary folders, distinct images with known text, waiting, listing. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { LanternError } from '../../app/contracts/errors';
import type { WatchEvent } from '../../app/contracts/lantern-api';
import { InProcessOcrService } from '../../app/engine/in-process-service';
import type { OcrService, SubmitOptions } from '../../app/engine/ocr-service';
import type { FileOutcome } from '../../app/watch/batch-runner';
import { Ledger } from '../../app/watch/ledger';
import { WatchManager } from '../../app/watch/watch-manager';
import { fixture } from '../helpers/fixtures';

/** What the plate crop (and each of its variants below) reads. */
export const PLATE_TEXT = '京P·L3N67';

/** The plate crop's bytes. */
export const PLATE = readFileSync(fixture('plate_000.jpg'));

/** A temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'lantern-watch-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The plate JPEG with a comment segment (COM) after SOI: the same pixels, so the same text, but distinct bytes
 * (a distinct content hash) for each `tag`.
 */
export function plateVariant(tag: string): Buffer {
  const comment = Buffer.from(`lantern test ${tag}`);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(comment.length + 2);
  return Buffer.concat([PLATE.subarray(0, 2), Buffer.from([0xff, 0xfe]), len, comment, PLATE.subarray(2)]);
}

/** Re-encodings of the plate (other formats and sizes) that were checked to read PLATE_TEXT too. */
export async function plateReencodings(): Promise<Record<string, Buffer>> {
  return {
    png: await sharp(PLATE).png().toBuffer(),
    tif: await sharp(PLATE).tiff().toBuffer(),
    gif: await sharp(PLATE).gif().toBuffer(),
    'x15.jpg': await sharp(PLATE).resize(141).jpeg({ quality: 90 }).toBuffer(),
    'q75.jpg': await sharp(PLATE).jpeg({ quality: 75 }).toBuffer(),
  };
}

/** Polls `pred` until it is truthy (returns its value) or throws after `ms` with `what`. */
export async function waitFor<T>(
  pred: () => T | Promise<T>,
  what: string,
  ms = 30000,
  every = 50,
): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await pred();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(every);
  }
}

/** Every file under `dir` (relative paths), recursively. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string) => {
    let entries;
    try {
      entries = readdirSync(path.join(dir, sub), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const rel = path.join(sub, e.name);
      if (e.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/** Whether the tests run as root (permissions do not stop root from reading: EACCES cannot be produced). */
export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** A WatchManager over a ledger and a service, recording outcomes and events. */
export function harness(
  service: OcrService,
  dbFile: string,
  opts: { concurrency?: number; stabilityMs?: number; pollMs?: number } = {},
) {
  const ledger = Ledger.open(dbFile);
  const manager = new WatchManager({ ledger, service, stabilityMs: 400, pollMs: 200, ...opts });
  const outcomes: FileOutcome[] = [];
  const events: WatchEvent[] = [];
  manager.onOutcome((o) => outcomes.push(o));
  manager.onEvent((e) => events.push(e));
  const doneFor = (file: string) => outcomes.filter((o) => o.file === file && o.state === 'done');
  return {
    ledger,
    manager,
    outcomes,
    events,
    doneFor,
    /** Resolves with the n-th `done` outcome of `file`. */
    waitDone: (file: string, n = 1, ms = 30000) =>
      waitFor(() => doneFor(file)[n - 1], `done #${n} of ${file}`, ms),
    close: async () => {
      await manager.close();
      ledger.close();
    },
  };
}

/** The real service, except that each read waits for `open` (or fails CANCELLED when its request is cancelled). */
export function gated(inner: OcrService) {
  let release!: () => void;
  const open = new Promise<void>((r) => (release = r));
  let reads = 0;
  const wrapped: OcrService = {
    recognize: (input, options, submit) => {
      reads++;
      return new Promise((resolve, reject) => {
        submit?.signal?.addEventListener('abort', () => reject(new LanternError('CANCELLED', 'cancelled')));
        void open.then(() => inner.recognize(input, options, submit).then(resolve, reject));
      });
    },
    cancel: (id) => inner.cancel(id),
    get status() {
      return inner.status;
    },
    onStatus: (cb) => inner.onStatus(cb),
    prewarm: () => inner.prewarm(),
  };
  return { service: wrapped, reads: () => reads, release };
}

/** An OcrService wrapper that records how requests were submitted. */
export function spyService(inner: OcrService): OcrService & { submits: (SubmitOptions | undefined)[] } {
  const submits: (SubmitOptions | undefined)[] = [];
  return {
    submits,
    recognize: (input, options, submit) => (submits.push(submit), inner.recognize(input, options, submit)),
    cancel: (id) => inner.cancel(id),
    get status() {
      return inner.status;
    },
    onStatus: (cb) => inner.onStatus(cb),
    prewarm: () => inner.prewarm(),
  };
}

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Starts `app/watch/main.ts` (as another user when `uid` is given); its stdout lines are collected. */
export function startRunner(
  args: string[],
  uid?: number,
): { child: ChildProcess; lines: string[]; exited: Promise<number | null>; stderr: () => string } {
  return startChild('app/watch/main.ts', args, uid);
}

/** Starts the TypeScript `script` (as another user when `uid` is given); its stdout lines are collected. */
export function startChild(
  script: string,
  args: string[],
  uid?: number,
): { child: ChildProcess; lines: string[]; exited: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(uid !== undefined ? { uid, gid: uid, env: { ...process.env, HOME: tmpdir() } } : {}),
  });
  const lines: string[] = [];
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString('utf8')).slice(-4000)));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null && code !== 143) process.stderr.write(err);
      resolve(code);
    }),
  );
  return { child, lines, exited, stderr: () => err };
}

/**
 * Waits for a runner line `pred` accepts, gated on the runner's own events: it fails at once when the runner exits or
 * reports a failed file instead, never on a clock (a loaded machine only makes it slower). `guardMs` only stops a
 * real hang from holding the suite forever.
 */
export function runnerLine(
  run: { readonly lines: string[]; readonly exited: Promise<number | null>; stderr(): string },
  pred: (line: string) => boolean,
  what: string,
  guardMs = 15 * 60_000,
): Promise<string> {
  const started = Date.now();
  return new Promise<string>((resolve, reject) => {
    let gone = false;
    void run.exited.then(() => (gone = true));
    const fail = (why: string) => {
      clearInterval(tick);
      reject(
        new Error(
          `${why} while waiting for ${what}\nrunner lines:\n${run.lines.join('\n')}\nstderr:\n${run.stderr()}`,
        ),
      );
    };
    const tick = setInterval(() => {
      const hit = run.lines.find(pred);
      if (hit !== undefined) {
        clearInterval(tick);
        return resolve(hit);
      }
      const failed = run.lines.find((l) => l.startsWith('failed\t'));
      if (failed) return fail(`the runner failed a file (${failed})`);
      if (gone) return fail('the runner exited');
      if (Date.now() - started > guardMs) fail(`no such line in ${guardMs / 60_000} min (a hang)`);
    }, 20);
  });
}

/** One in-process OCR service (real models) for a test file: created before its tests, released after; the getter. */
export function useInProcessService(): () => InProcessOcrService {
  let service: InProcessOcrService | undefined;
  before(async () => {
    service = await InProcessOcrService.create();
  });
  after(async () => {
    await service?.release();
  });
  return () => {
    if (!service) throw new Error('the in-process OCR service is used before it was created');
    return service;
  };
}
