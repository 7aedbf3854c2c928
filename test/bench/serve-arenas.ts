/**
 * What the server keeps after document traffic, with and without the image's GLIBC_TUNABLES (docs/memory.md, "The
 * server's malloc arenas"): serve reads big scans, TIFFs and searchable PDFs from three clients, and its resident
 * memory is read once its document thread has ended. `npx tsx test/bench/serve-arenas.ts [rounds]` (Linux).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { fixture } from '../helpers/fixtures';
import { until } from '../helpers/http';
import { procMemory } from '../helpers/huge-page';
import { img2pdf } from '../helpers/pdf-fixtures';
import { multiPageTiff } from '../helpers/tiff-fixture';

const CLIENTS = 3;

/** The GLIBC_TUNABLES the image runs serve with. */
function imageTunables(): string {
  const dockerfile = readFileSync(path.join('deploy', 'Dockerfile'), 'utf8');
  const value = [...dockerfile.matchAll(/^ENV\s+GLIBC_TUNABLES=(\S+)/gm)].at(-1)?.[1];
  if (!value) throw new Error('deploy/Dockerfile sets no GLIBC_TUNABLES');
  return value;
}

async function threads(pid: number): Promise<number> {
  return Number(/^Threads:\s+(\d+)/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}

interface Job {
  readonly body: Uint8Array;
  readonly type: string;
  readonly query: string;
}

/** A4 and A3 pages at 300 dpi as JPEG, PNG, an img2pdf scan and a four-page TIFF, some asked as searchable PDFs. */
async function jobs(dir: string): Promise<Job[]> {
  const page = fixture('news-three-column.png');
  const a4Jpg = path.join(dir, 'a4.jpg');
  await sharp(page).resize(2480, 3508).jpeg({ quality: 85 }).toFile(a4Jpg);
  const a4Png = path.join(dir, 'a4.png');
  await sharp(page).resize(2480, 3508).png().toFile(a4Png);
  const small = path.join(dir, 'page.png');
  await sharp(page).resize(1240, 1754).png().toFile(small);
  return [
    {
      body: readFileSync(img2pdf([a4Jpg, a4Png, a4Jpg], path.join(dir, 'scan.pdf'))),
      type: 'application/pdf',
      query: '',
    },
    { body: await multiPageTiff([small, small, small, small]), type: 'image/tiff', query: '?output=pdf' },
    { body: await sharp(page).resize(3508, 4961).png().toBuffer(), type: 'image/png', query: '?output=pdf' },
    { body: readFileSync(a4Jpg), type: 'image/jpeg', query: '?output=pdf' },
  ];
}

/** One serve process through the traffic: resident MiB at ready, after, and the peak. */
async function once(work: readonly Job[], rounds: number, tunables: string | undefined) {
  const env = { ...process.env };
  if (tunables === undefined) delete env.GLIBC_TUNABLES;
  else env.GLIBC_TUNABLES = tunables;
  const child = spawn(
    process.execPath,
    ['dist/node/serve.mjs', '--port', '0', '--no-auth', '--max-document-mb', '40'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
      env,
    },
  );
  try {
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    await until(() => /serving on http/.test(out), 60_000);
    const base = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    await until(
      // Asked again until warm: a refused connection is not an answer yet.
      async () => (await fetch(`${base}/ready`).catch(() => undefined))?.status === 200,
      120_000,
      200,
    );
    const pid = child.pid!;
    const ready = await procMemory(pid);
    const readyThreads = await threads(pid);
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let r = 0; r < rounds; r++) {
          const job = work[(c + r) % work.length]!;
          const res = await fetch(`${base}/ocr${job.query}`, {
            method: 'POST',
            headers: { 'content-type': job.type },
            body: new Uint8Array(job.body),
          });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${job.type}${job.query}: HTTP ${res.status}`);
        }
      }),
    );
    // The document thread ends after its quiet minute: memory is read once it has gone.
    await until(async () => (await threads(pid)) <= readyThreads, 300_000, 500);
    const after = await procMemory(pid);
    return { ready: ready.rss, after: after.rss, peak: after.hwm };
  } finally {
    child.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 4);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-serve-arenas-'));
  try {
    const work = await jobs(dir);
    const tunables = imageTunables();
    for (const [name, value] of [
      ['glibc defaults', undefined],
      [`GLIBC_TUNABLES=${tunables}`, tunables],
    ] as const) {
      const m = await once(work, rounds, value);
      const f = (n: number) => n.toFixed(0);
      console.log(
        `${name}: ready ${f(m.ready)} MiB, after the traffic ${f(m.after)} (+${f(m.after - m.ready)}), peak ${f(m.peak)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
