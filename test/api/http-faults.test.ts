/**
 * The fault suite: a real `serve` with a real engine, attacked the way clients, proxies and crashes do. After every
 * attack a normal OCR request must still be answered 200. Figures are in docs/http-hardening.md.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { exactMatch } from '../../app/eval/metrics';
import { startServe, type Health, type ServeHandle } from '../e2e/serve-process';
import { fixture, groundTruth } from '../helpers/fixtures';
import { until } from '../helpers/http';
import { head, multipartBody, rawExchange, type RawAnswer } from '../helpers/raw-http';

const GRACE_MS = 3000;
let s: ServeHandle;
let port: number;
let host: string;
let jpg: Buffer;
let jpgBody: Uint8Array<ArrayBuffer>;

before(async () => {
  jpg = await readFile(fixture('plate_000.jpg'));
  jpgBody = new Uint8Array(jpg);
  s = await startServe([
    '--request-timeout-ms',
    '3000',
    '--self-heal-ms',
    '4000',
    '--grace-ms',
    String(GRACE_MS),
  ]);
  port = Number(new URL(s.origin).port);
  host = `127.0.0.1:${port}`;
  await s.waitReady();
});
after(() => s.stop());

const auth = () => ({ authorization: `Bearer ${s.token}` });
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${s.origin}${path}`, { headers });
const ready = async () => (await get('/ready')).status;
const health = async () => (await (await get('/health')).json()) as Health;

/** How many OCR requests hold a slot, from /metrics. */
async function inProgress(): Promise<number> {
  const m = /^lantern_http_in_progress (\d+)$/m.exec(await (await get('/metrics')).text());
  assert.ok(m, 'lantern_http_in_progress is exported');
  return Number(m[1]);
}

/** The proof after each attack: the process lives, no slot is held, and a normal request is read right. */
async function stillServes(): Promise<void> {
  assert.equal(s.proc.exitCode, null, `serve died:\n${s.log().slice(-2000)}`);
  await until(async () => (await inProgress()) === 0, 30000);
  await s.waitReady();
  const res = await fetch(`${s.origin}/ocr`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'image/jpeg' },
    body: jpgBody,
  });
  assert.equal(res.status, 200);
  assert.ok(exactMatch(((await res.json()) as { text: string }).text, groundTruth('plate_000.jpg')));
}

/** Runs `n` attacks, `width` at a time. */
async function waves(
  n: number,
  width: number,
  attack: (i: number) => Promise<RawAnswer>,
): Promise<RawAnswer[]> {
  const out: RawAnswer[] = [];
  for (let i = 0; i < n; i += width)
    out.push(...(await Promise.all(Array.from({ length: Math.min(width, n - i) }, (_, k) => attack(i + k)))));
  return out;
}

const tally = (answers: readonly RawAnswer[]) =>
  answers.reduce<Record<number, number>>((t, a) => ({ ...t, [a.status]: (t[a.status] ?? 0) + 1 }), {});

const answeredOrClosed = (a: RawAnswer, allowed: readonly number[]) =>
  assert.ok(a.status <= 0 || allowed.includes(a.status), `got ${a.status}: ${a.text.slice(0, 300)}`);

test('400 truncated and aborted uploads, multipart and raw: 4xx or a closed socket, no crash, no slot leaked', async () => {
  const N = 100;
  const mp = (i: number, leave: 'end' | 'destroy') => {
    const boundary = `b${i}x`;
    const body = multipartBody(boundary, [{ name: `p${i}.jpg`, bytes: jpg }], ((i % 9) + 1) / 10);
    const h = head('POST', '/ocr', {
      host,
      ...auth(),
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': body.length + 500,
    });
    return rawExchange(port, [h, body], leave);
  };
  const raw = (i: number, leave: 'end' | 'destroy') => {
    const part = jpg.subarray(0, Math.floor((jpg.length * ((i % 9) + 1)) / 10));
    const h = head('POST', '/ocr', {
      host,
      ...auth(),
      'content-type': 'image/jpeg',
      'content-length': jpg.length,
    });
    return rawExchange(port, [h, part], leave);
  };
  const cut = [...(await waves(N, 20, (i) => mp(i, 'end'))), ...(await waves(N, 20, (i) => raw(i, 'end')))];
  for (const a of cut) answeredOrClosed(a, [400, 408, 413]);
  await waves(N, 20, (i) => mp(i, 'destroy'));
  await waves(N, 20, (i) => raw(i, 'destroy'));
  console.log(`faults: ${4 * N} cut/aborted uploads; answers to the cut ones: ${JSON.stringify(tally(cut))}`);
  await stillServes();
});

test(
  'slow headers, slow bodies and lying Content-Length: 408, 4xx or closed within the request timeout',
  { timeout: 60000 },
  async () => {
    const slowHead = [
      'POST /ocr HTTP/1.1\r\n',
      `Host: ${host}\r\n`,
      ...Array.from({ length: 200 }, () => 'X-a: b\r\n'),
    ];
    const h = (length: number) =>
      head('POST', '/ocr', { host, ...auth(), 'content-type': 'image/jpeg', 'content-length': length });
    const drip = Array.from({ length: 200 }, (_, i) => jpg.subarray(i * 10, i * 10 + 10));
    const [a, b, c, d] = await Promise.all([
      rawExchange(port, slowHead, 'stay', 200),
      rawExchange(port, [h(jpg.length), ...drip], 'stay', 200),
      rawExchange(port, [h(jpg.length + 1000), jpg], 'stay'),
      rawExchange(port, [h(10), jpg, '\r\n\r\n'], 'stay'),
    ]);
    answeredOrClosed(a, [408, 400, 431]);
    answeredOrClosed(b, [408]);
    answeredOrClosed(c, [408]);
    answeredOrClosed(d, [400]);
    // A 408 is the API's coded error, and /metrics counts it as a 408 (not as a client gone away).
    for (const x of [b, c].filter((x) => x.status === 408)) {
      assert.match(
        x.text,
        /\{"error":\{"code":"TIMEOUT","message":"the request did not arrive within 3000 ms/,
      );
      const m = /^lantern_http_requests_total\{route="\/ocr",status="408"\} (\d+)$/m.exec(
        await (await get('/metrics')).text(),
      );
      assert.ok(m && Number(m[1]) >= 1, 'the 408 is counted');
    }
    await stillServes();
    console.log(
      `faults: slow head ${a.status}, drip ${b.status}, long lie ${c.status}, short lie ${d.status}`,
    );
  },
);

test('cross-site requests with the cookie get 403; scripts with any-case Bearer and our own pages go on', async () => {
  const cookie = `lantern_token=${s.token}`;
  const post = (path: string, headers: Record<string, string>) =>
    fetch(`${s.origin}${path}`, { method: 'POST', headers });
  const otherPort = port === 1 ? 2 : port - 1;
  assert.equal((await post('/api/prewarm', { cookie, origin: `http://127.0.0.1:${otherPort}` })).status, 403);
  assert.equal((await post('/api/prewarm', { cookie, origin: 'http://evil.example' })).status, 403);
  assert.equal((await post('/api/prewarm', { cookie, 'sec-fetch-site': 'same-site' })).status, 403);
  assert.equal((await post('/api/prewarm', { cookie, 'sec-fetch-site': 'cross-site' })).status, 403);
  const cross = await fetch(`${s.origin}/ocr`, {
    method: 'POST',
    headers: { cookie, origin: `http://localhost:${otherPort}`, 'content-type': 'image/jpeg' },
    body: jpgBody,
  });
  assert.equal(cross.status, 403);
  assert.equal(((await cross.json()) as { error: { code: string } }).error.code, 'FORBIDDEN');
  assert.equal(
    (await post('/api/prewarm', { cookie, origin: s.origin, 'sec-fetch-site': 'same-origin' })).status,
    202,
  );
  assert.equal((await post('/api/prewarm', { authorization: `bearer ${s.token}` })).status, 202);
  assert.equal((await post('/api/prewarm', { authorization: `BEARER  ${s.token}` })).status, 202);
  assert.equal((await get('/api/status', { cookie: 'lantern_token=%E0%A4%A' })).status, 400);
  assert.equal((await fetch(`${s.origin}/api/watch/%zz`, { method: 'DELETE', headers: auth() })).status, 400);
  assert.equal((await get('/%E0%A4%A', auth())).status, 400);
  const wrong = await fetch(`${s.origin}/api/status`, { method: 'PATCH', headers: auth() });
  assert.equal(wrong.status, 405);
  assert.equal(wrong.headers.get('allow'), 'GET, HEAD');
  await stillServes();
});

test('/api inputs follow the operations table, the same rules as IPC: absolute folders, 500 rows, known settings', async () => {
  const json = (method: string, path: string, body: unknown) =>
    fetch(`${s.origin}${path}`, {
      method,
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const code = async (res: Response) => [
    res.status,
    ((await res.json()) as { error: { code: string } }).error.code,
  ];
  assert.deepEqual(await code(await json('POST', '/api/watch', { dir: 'relative/dir' })), [
    400,
    'BAD_REQUEST',
  ]);
  assert.deepEqual(await code(await json('POST', '/api/watch/batch', { dir: 'in', options: {} })), [
    400,
    'BAD_REQUEST',
  ]);
  assert.deepEqual(await code(await get('/api/history?limit=501', auth())), [400, 'BAD_REQUEST']);
  assert.equal((await get('/api/history?limit=500', auth())).status, 200);
  assert.deepEqual(await code(await json('PUT', '/api/settings', { runtime: { mode: 'serve' } })), [
    400,
    'BAD_REQUEST',
  ]);
  await stillServes();
});

test('a browser without the token gets a page that says where the link is; API clients get JSON 401', async () => {
  const page = await get('/', { accept: 'text/html,application/xhtml+xml' });
  assert.equal(page.status, 401);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(await page.text(), /serve<\/code> printed/);
  const api = await get('/api/status', { accept: 'application/json' });
  assert.equal(api.status, 401);
  assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'UNAUTHORIZED');
  const icon = await get('/favicon.ico');
  assert.equal(icon.status, 200);
  assert.equal(icon.headers.get('content-type'), 'image/x-icon');
  assert.deepEqual([...new Uint8Array(await icon.arrayBuffer()).subarray(0, 4)], [0, 0, 1, 0]);
});

test('a hung engine (SIGSTOP) makes /ready 503 while /health stays 200; it is replaced and serves again', async () => {
  // The engine this stops must be the ready one: a restart still under way would answer 503 for its own reason.
  await until(async () => (await ready()) === 200, 90000, 100);
  const pid = (await health()).engine_pid!;
  process.kill(pid, 'SIGSTOP');
  try {
    // Readiness must drop while the worker is merely silent, before the watchdog declares it hung and kills it.
    let first: (Health & { reason?: string; reason_code?: string }) | undefined;
    await until(
      async () => {
        const res = await get('/ready');
        if (res.status === 503)
          first = (await res.json()) as Health & { reason?: string; reason_code?: string };
        return first !== undefined;
      },
      60000,
      100,
    );
    assert.match(first!.reason ?? '', /not answered/, `${JSON.stringify(first)}\n${s.log().slice(-3000)}`);
    assert.equal(first!.reason_code, 'ENGINE_SILENT');
    assert.equal((await get('/health')).status, 200);
    await until(async () => (await health()).engine_pid !== pid && (await ready()) === 200, 90000, 200);
  } finally {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // already gone: the host killed it, as it should
    }
  }
  await stillServes();
});

test(
  'a crash loop puts the engine in error, and it heals itself with no manual retry',
  { timeout: 180000 },
  async () => {
    const states = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const h = await health();
      states.add(h.state);
      if (h.state === 'error') break;
      if (h.engine_pid === null) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      process.kill(h.engine_pid, 'SIGKILL');
      await until(
        async () => {
          const n = await health();
          states.add(n.state);
          return n.state === 'error' || (n.engine_pid !== null && n.engine_pid !== h.engine_pid);
        },
        30000,
        20,
      );
    }
    assert.ok(states.has('error'), `the crash loop ended in error: ${[...states]}`);
    const t0 = Date.now();
    assert.equal(await ready(), 503);
    assert.equal((await get('/health')).status, 200, 'liveness holds while self-heal is still trying');
    await until(async () => (await ready()) === 200, 120000, 200);
    console.log(`faults: crash loop -> error -> ready again, no retry, after ${Date.now() - t0} ms`);
    assert.equal((await health()).state === 'ready' || (await health()).state === 'busy', true);
    await stillServes();
  },
);

test(
  'SIGTERM under keep-alive load: refuses new work, answers with Connection: close, exits within the grace',
  { timeout: 90000 },
  async () => {
    const { Agent, request } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const statuses = new Map<number, number>();
    let stop = false;
    const one = () =>
      new Promise<void>((resolve) => {
        const req = request(
          `${s.origin}/ocr`,
          { method: 'POST', agent, headers: { ...auth(), 'content-type': 'image/jpeg' } },
          (res) => {
            statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
            res.resume();
            res.on('end', () => resolve());
            res.on('error', () => resolve());
          },
        );
        req.on('error', () => resolve());
        req.end(jpg);
      });
    const clients = Array.from({ length: 8 }, async () => {
      while (!stop) await one();
    });
    await until(() => (statuses.get(200) ?? 0) >= 8, 60000);
    const exited = new Promise<number | null>((r) => s.proc.once('exit', (code) => r(code)));
    const t0 = Date.now();
    s.proc.kill('SIGTERM');
    const code = await exited;
    const took = Date.now() - t0;
    stop = true;
    await Promise.all(clients);
    agent.destroy();
    for (const [status] of statuses) assert.ok(status === 200 || status === 503, `status ${status}`);
    assert.ok(code === 0 || code === 1, `exit code ${code}`);
    // Bounded by the grace period plus the hard-exit margin; the slack is for a loaded machine, not the design.
    assert.ok(took < GRACE_MS + 20000, `took ${took} ms to exit`);
    console.log(
      `faults: SIGTERM, 8 keep-alive clients: exit ${code} after ${took} ms; ${JSON.stringify([...statuses])}`,
    );
    await assert.rejects(fetch(`${s.origin}/health`));
  },
);
