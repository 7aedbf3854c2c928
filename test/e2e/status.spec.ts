/** The status pill: start-up states then ready with the provider, a settings reload, a killed engine restarting, and a real error state left with Retry. */
import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS, expect, openApp, pill, pillHistory, recordPill, test } from './fixtures';
import { ROOT, startServe, type ServeHandle } from './serve-process';

/** Seconds of an English duration the details show ("1 min, 5 sec", "12 sec"). */
function seconds(text: string): number {
  const of = (unit: string) => Number(new RegExp(`(\\d+) ${unit}`).exec(text)?.[1] ?? 0);
  return of('hr') * 3600 + of('min') * 60 + of('sec');
}

test.describe('status pill', () => {
  let serve: ServeHandle;

  test.beforeAll(async () => {
    serve = await startServe();
  });
  test.afterAll(async () => {
    await serve?.stop();
  });

  test('loading or warming, then ready with the provider and load time; a new thread count reloads it the same way', async ({
    page,
  }) => {
    await recordPill(page);
    await openApp(page, serve);
    await expect(pill(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    // The model is ready about a second after serve starts, so the page may connect before or after that: whatever
    // it saw before ready is a start-up state.
    const atStart = await pillHistory(page);
    for (const s of atStart.slice(
      0,
      atStart.findIndex((e) => e.startsWith('ready|')),
    ))
      expect(s, atStart.join(' → ')).toMatch(/^(connecting|starting|loading|warming)\|/);

    // A new thread count reloads the model while the page watches: starting, loading, warming, then ready again.
    await page.getByTestId('nav-settings').click();
    const settings = page.getByTestId('view-settings');
    await settings.getByLabel('Threads (0 = one per core)').fill('1');
    await settings.getByRole('button', { name: 'Save' }).click();
    const reload = async () => (await pillHistory(page)).slice(atStart.length);
    await expect
      .poll(async () => (await reload()).some((s) => /^(starting|loading|warming)\|/.test(s)))
      .toBe(true);
    await expect(pill(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const seen = await reload();
    expect(seen.join('\n')).toMatch(/Loading model|Warming up|Starting/);
    expect(seen.join(' → ')).not.toMatch(/Restarting|crashed|error/i);
    await expect(pill(page)).toContainText('Ready');
    await expect(pill(page)).toContainText('CPU');
    await expect(pill(page)).toContainText(/\d+(\.\d)? (ms|s)/);

    // Details on hover: warm-up, uptime, heartbeat, restarts, queue.
    await pill(page).hover();
    const details = page.getByTestId('status-details');
    await expect(details).toBeVisible();
    for (const label of ['Warm-up', 'Uptime', 'Last heartbeat', 'Restarts', 'Queue'])
      await expect(details).toContainText(label);
    await expect(page.getByTestId('status-restarts')).toHaveText('0');
    await page.screenshot({ path: path.join(ARTIFACTS, 'status-details.png') });

    // And on keyboard focus.
    await page.mouse.move(5, 500);
    await pill(page).focus();
    await expect(details).toBeVisible();

    // In Simplified Chinese the uptime's units are Chinese too ("12秒", not "12 s").
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await pill(page).focus();
    const uptime = details.locator('dt:text-is("运行时间") + dd > span').first();
    await expect(uptime).toHaveText(/^\d+(小时|分钟|秒)(\d+(分钟|秒))?$/);
    await page.getByTestId('language-switch').selectOption('system');
  });

  test('killing the engine shows restarting, then ready again', async ({ page }) => {
    await recordPill(page);
    await openApp(page, serve);
    await expect(pill(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const { engine_pid: pid } = await serve.health();
    expect(pid).toBeGreaterThan(0);
    await pill(page).focus();
    await expect(page.getByTestId('status-pid')).toHaveText(String(pid));
    // The uptime is the engine process's: one that has run for a while, so that the new one's is told from it.
    const uptime = page.getByTestId('status-uptime');
    await expect
      .poll(async () => seconds(await uptime.innerText()), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(3);

    const killedAt = Date.now();
    process.kill(pid!, 'SIGKILL');
    await expect(pill(page)).toHaveAttribute('data-recovering', 'true', { timeout: 15_000 });
    await expect(pill(page)).toContainText('Restarting');
    await page.screenshot({ path: path.join(ARTIFACTS, 'status-restarting.png') });
    await expect(pill(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(pill(page)).toHaveAttribute('data-recovering', 'false');
    await expect(pill(page)).toContainText('Ready');
    const seen = await pillHistory(page);
    expect(
      seen.some((s) => s.includes('Restarting')),
      seen.join(' → '),
    ).toBe(true);
    await expect(page.getByTestId('status-restarts')).toHaveText('1');
    // The new process's uptime: it started after the kill.
    await pill(page).focus();
    const shown = seconds(await uptime.innerText());
    expect(shown).toBeLessThanOrEqual(Math.ceil((Date.now() - killedAt) / 1000));
    const after = await serve.health();
    expect(after.engine_pid).not.toBe(pid);
    expect(after.restarts).toBe(1);
    // The log says why at once, and /metrics counts the crash.
    expect(serve.log()).toMatch(/ warn engine crashed: the engine exited \(SIGKILL\)/);
    const metrics = await (await fetch(`${serve.origin}/metrics`)).text();
    expect(metrics).toMatch(/^lantern_engine_crashes_total 1$/m);
    expect(metrics).toMatch(/^lantern_engine_restarts_total 1$/m);
  });
});

test.describe('status pill in error', () => {
  // A real engine in `error`: its det model is missing, so every worker fails to load until the crash loop gives up
  // (self-heal far off); putting the model back and pressing Retry must bring it to ready through the real server.
  let serve: ServeHandle;
  let models: string;
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'models', 'manifest.json'), 'utf8')) as {
    defaultPack: string;
    packs: { id: string; files: Record<'det' | 'cls' | 'rec' | 'dict', { file: string }> }[];
  };
  const files = manifest.packs.find((p) => p.id === manifest.defaultPack)!.files;
  const link = (name: string) => symlink(path.join(ROOT, 'models', name), path.join(models, name));

  test.beforeAll(async () => {
    models = await mkdtemp(path.join(os.tmpdir(), 'lantern-models-'));
    await copyFile(path.join(ROOT, 'models', 'manifest.json'), path.join(models, 'manifest.json'));
    for (const role of ['cls', 'rec', 'dict'] as const) await link(files[role].file);
    serve = await startServe(['--self-heal-ms', '600000'], {
      LANTERN_MODELS_DIR: models,
      LANTERN_MODEL_CACHE: 'off',
    });
  });
  test.afterAll(async () => {
    await serve?.stop();
    if (models) await rm(models, { recursive: true, force: true });
  });

  test('in error the pill is red, says why, and Retry starts the engine again', async ({ page }) => {
    await openApp(page, serve);
    await expect(pill(page)).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
    await expect(pill(page)).toContainText('Error');
    await expect(pill(page)).toHaveClass(/pill--bad/);
    await pill(page).hover();
    await expect(page.getByTestId('status-fault')).toContainText('MODEL_MISSING');
    await expect(page.getByTestId('status-fault')).toContainText(files.det.file);
    await expect(page.getByTestId('status-detail')).toContainText('3 failures within');
    // In Chinese the state, the detail and the fault are Chinese; only the engine's own report stays as it was (a
    // real worker reports its error, then exits: the fault reads 'exited after an error').
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(pill(page)).toContainText('错误');
    await expect(page.getByTestId('status-detail')).toContainText('失败 3 次');
    await expect(page.getByTestId('status-fault')).toContainText('引擎出错后退出');
    await page.getByTestId('language-switch').selectOption('system');
    await page.screenshot({ path: path.join(ARTIFACTS, 'status-error.png') });
    // Probes and refused requests tell a client to wait what is left of the engine's own wait (the heal wait, capped
    // at 5 min, counting down), not 1 s.
    const left = (h: string | null) => Number(h);
    const ready = await fetch(`${serve.origin}/ready`);
    expect(ready.status).toBe(503);
    const readyWait = left(ready.headers.get('retry-after'));
    expect(readyWait > 200 && readyWait <= 300, `retry-after ${readyWait}`).toBe(true);
    const body = (await ready.json()) as { reason?: string };
    expect(body.reason).toBe('the engine is not ready (error)');
    const ocr = await fetch(`${serve.origin}/ocr`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'image/png' },
      body: new Uint8Array(readFileSync(path.join(ROOT, 'test', 'fixtures', 'plate_000.jpg'))),
    });
    expect(ocr.status).toBe(503);
    const ocrWait = left(ocr.headers.get('retry-after'));
    expect(ocrWait > 200 && ocrWait <= readyWait, `retry-after ${ocrWait}`).toBe(true);

    await link(files.det.file);
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(pill(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(page.getByTestId('status-retry-error')).toHaveCount(0);
    expect((await serve.health()).state).toBe('ready');
  });
});
