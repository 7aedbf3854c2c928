/**
 * Memory of a real engine process around one huge page: resident memory at ready (baseline), the peak (VmHWM) while
 * it recognises the page, and what stays resident after it. `npx tsx test/bench/memory-probe.ts [pages] [parallel]`
 * (PROBE_SIDE, PROBE_JPEG, PROBE_BLANK pick the page).
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { EngineHost } from '../../app/engine/host';
import { NodeLauncher } from '../../app/engine/node-launcher';
import { modelsDir } from '../../app/models/paths';
import { hugePage, procMemory } from '../helpers/huge-page';

/** The largest mappings of a process by resident size (MiB), for finding what holds memory. */
async function topMappings(pid: number, n = 4): Promise<string[]> {
  const rows: { name: string; rss: number }[] = [];
  for (const line of (await readFile(`/proc/${pid}/smaps`, 'utf8')).split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) rows.push({ name: head[1] || '[anon]', rss: 0 });
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && rows.length > 0) rows[rows.length - 1]!.rss = Number(rss[1]) / 1024;
  }
  return rows
    .sort((a, b) => b.rss - a.rss)
    .slice(0, n)
    .map((r) => `${Math.round(r.rss)} MiB ${r.name.slice(-40)}`);
}

async function main(): Promise<void> {
  const pages = Number(process.argv[2] ?? 1);
  const parallel = Number(process.argv[3] ?? 1);
  const side = Number(process.env.PROBE_SIDE ?? 10_000);
  // PROBE_BLANK=1: a page with no text at all, where detection finds nothing and looks again finer.
  const png = process.env.PROBE_BLANK
    ? new Uint8Array(
        await sharp({ create: { width: side, height: side, channels: 3, background: '#ffffff' } })
          .png()
          .toBuffer(),
      )
    : await hugePage(side);
  // PROBE_JPEG=1: the same page as a JPEG whose EXIF says "turn 90°" (orientation 6), the random-access case.
  const bytes = process.env.PROBE_JPEG
    ? new Uint8Array(await sharp(png).jpeg({ quality: 80 }).withMetadata({ orientation: 6 }).toBuffer())
    : png;
  const host = new EngineHost({
    launcher: new NodeLauncher(undefined, () => {}),
    modelsDir: modelsDir(),
    provider: 'cpu',
  });
  host.start();
  await new Promise<void>((resolve) => {
    const off = host.onStatus((s) => (s.state === 'ready' ? (off(), resolve()) : undefined));
  });
  const pid = host.status.pid!;
  const base = await procMemory(pid);
  if (process.env.PROBE_SMAPS) console.log('base', await topMappings(pid));
  const t = performance.now();
  for (let i = 0; i < pages; i++) {
    const rs = await Promise.all(
      Array.from({ length: parallel }, () => host.recognize({ kind: 'bytes', name: 'huge.png', bytes })),
    );
    console.log(
      `page ${i}: ${rs[0]!.width}x${rs[0]!.height} ${rs[0]!.lines.length} lines: ${rs[0]!.text.slice(0, 60)}`,
    );
  }
  const peak = await procMemory(pid);
  await new Promise((r) => setTimeout(r, 3000));
  const after = await procMemory(pid);
  if (process.env.PROBE_SMAPS) console.log('after', await topMappings(pid));
  console.log(
    JSON.stringify({
      png: bytes.length,
      baseRss: Math.round(base.rss),
      peakHwm: Math.round(peak.hwm),
      afterRss: Math.round(after.rss),
      seconds: Math.round((performance.now() - t) / 100) / 10,
    }),
  );
  await host.stop(2000);
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
