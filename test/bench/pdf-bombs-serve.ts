/**
 * serve's peak memory when several PDF bombs (a form that draws itself) arrive at once beside a good PDF: each bomb
 * grows a PDFium heap to its cap, and the document thread must not hold more than one of them.
 * `npx tsx test/bench/pdf-bombs-serve.ts [bombs]` (after `npm run -s build:node`).
 */
import { spawn } from 'node:child_process';
import { untilReady } from './serve-ready';
import { procMemory } from '../helpers/huge-page';
import { bombPdf, plainPdf } from '../helpers/pdf-bombs';

const TOKEN = 'bench-token-0123456789';

async function main(): Promise<void> {
  const bombs = Number(process.argv[2] ?? 4);
  const port = 18765 + Math.floor(Math.random() * 1000);
  const server = spawn(process.execPath, ['dist/node/serve.mjs', '--port', String(port), '--token', TOKEN], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  server.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await untilReady(url);
  const ready = await procMemory(server.pid!);
  const post = (body: Buffer) =>
    fetch(`${url}/ocr`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/pdf' },
      body: new Uint8Array(body),
    }).then(async (r) => {
      const doc = (await r.json()) as { pages?: { text?: string; error?: { code: string } }[] };
      return `${r.status} ${(doc.pages ?? []).map((p) => p.error?.code ?? p.text).join('|')}`;
    });
  const answers = await Promise.all([...Array.from({ length: bombs }, () => post(bombPdf)), post(plainPdf)]);
  const end = await procMemory(server.pid!);
  console.log(
    JSON.stringify({
      answers,
      serve: { ready: Math.round(ready.rss), peak: Math.round(end.hwm), after: Math.round(end.rss) },
      rawPdfiumLines: log.split('\n').filter((l) => /Cannot enlarge memory|Aborted\(/u.test(l)).length,
    }),
  );
  server.kill('SIGTERM');
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
