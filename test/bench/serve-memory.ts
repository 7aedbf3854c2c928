/**
 * Memory of a whole `serve` pod-to-be (server and engine processes) under huge pages posted at once: the figures
 * deploy/k8s's memory request and limit are sized from. `npx tsx test/bench/serve-memory.ts [parallel]`.
 */
import { spawn } from 'node:child_process';
import { untilReady } from './serve-ready';
import { readFile } from 'node:fs/promises';
import { hugePage, procMemory } from '../helpers/huge-page';

const TOKEN = 'bench-token-0123456789';

async function main(): Promise<void> {
  const parallel = Number(process.argv[2] ?? 6);
  const port = 18765 + Math.floor(Math.random() * 1000);
  const bytes = await hugePage();
  const server = spawn(process.execPath, ['dist/node/serve.mjs', '--port', String(port), '--token', TOKEN], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  await untilReady(url);
  const children = (await readFile(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8'))
    .trim()
    .split(/\s+/);
  const engine = Number(children[0]);
  const base = { server: await procMemory(server.pid!), engine: await procMemory(engine) };
  const answers = await Promise.all(
    Array.from({ length: parallel }, () =>
      fetch(`${url}/ocr`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'image/png' },
        body: Buffer.from(bytes),
      }).then((r) => r.status),
    ),
  );
  const end = { server: await procMemory(server.pid!), engine: await procMemory(engine) };
  const mib = (v: number) => Math.round(v);
  console.log(
    JSON.stringify({
      answers,
      server: { ready: mib(base.server.rss), peak: mib(end.server.hwm), after: mib(end.server.rss) },
      engine: { ready: mib(base.engine.rss), peak: mib(end.engine.hwm), after: mib(end.engine.rss) },
      podPeakAtMost: mib(end.server.hwm + end.engine.hwm),
    }),
  );
  server.kill('SIGTERM');
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
