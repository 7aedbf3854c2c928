/**
 * A folder watcher that cannot get change events (EMFILE: here every file descriptor is taken, as when the system's
 * inotify instances run out) says so with WATCH_POLLING and polls the folder: a file written later is still seen, and
 * so is a symbolic link that leads nowhere, made and removed.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fixture } from '../helpers/fixtures';
import { ROOT, tempDir } from './helpers';

/**
 * Resolves with the first line `pred` accepts; rejects if the child exits first, or if a line `instead` accepts comes
 * before it (an outcome that rules the awaited one out).
 */
function lineFrom(
  lines: string[],
  exited: Promise<number | null>,
  pred: (l: string) => boolean,
  what: string,
  instead: (l: string) => boolean = () => false,
) {
  return new Promise<string>((resolve, reject) => {
    const tick = setInterval(() => {
      const at = lines.findIndex((l) => pred(l) || instead(l));
      if (at < 0) return;
      clearInterval(tick);
      if (pred(lines[at]!)) resolve(lines[at]!);
      else reject(new Error(`"${lines[at]}" came before ${what}; the child's lines:\n${lines.join('\n')}`));
    }, 50);
    void exited.then((code) => {
      clearInterval(tick);
      reject(new Error(`the child exited (${code}) before ${what}; its lines:\n${lines.join('\n')}`));
    });
  });
}

describe('watch: the system file-watch limit', () => {
  it('falls back to polling with a coded notice and still sees new files', { timeout: 60_000 }, async () => {
    const { dir: root, cleanup } = tempDir();
    const inDir = path.join(root, 'in');
    mkdirSync(inDir);
    // A low descriptor limit for the child only, so that filling it is quick.
    const child = spawn(
      'bash',
      [
        '-c',
        'ulimit -n 256 && exec "$0" --import tsx test/helpers/watch-limit-child.ts "$1"',
        process.execPath,
        inDir,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const lines: string[] = [];
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      const parts = buf.split('\n');
      buf = parts.pop()!;
      lines.push(...parts);
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      // A first scan before the notice would mean the watcher got its change events: the limit was not reached.
      const polling = await lineFrom(
        lines,
        exited,
        (l) => l.startsWith('polling\t'),
        'the polling notice',
        (l) => l === 'ready',
      );
      assert.match(polling, /file-watch limit is reached \(EMFILE/);
      await lineFrom(lines, exited, (l) => l === 'ready', 'the first scan');
      copyFileSync(fixture('plate_000.jpg'), path.join(inDir, 'late.jpg'));
      await lineFrom(lines, exited, (l) => l === 'file\tlate.jpg', 'the file written after the fallback');
      // No event names a link that leads nowhere in a polled folder: its listing on the timer finds it, and its removal.
      symlinkSync(path.join(inDir, 'none.jpg'), path.join(inDir, 'dangling.jpg'));
      await lineFrom(lines, exited, (l) => l === 'file\tdangling.jpg', 'the broken link made while polled');
      unlinkSync(path.join(inDir, 'dangling.jpg'));
      await lineFrom(
        lines,
        exited,
        (l) => l === 'gone\tdangling.jpg',
        'the broken link removed while polled',
      );
      assert.ok(
        lines.some((l) => /^full\t\d+$/.test(l)),
        'the descriptors were taken',
      );
    } catch (err) {
      (err as Error).message += `\nstderr:\n${stderr}`;
      throw err;
    } finally {
      child.kill('SIGKILL');
      cleanup();
    }
  });
});
