/**
 * The benchmark's child process for one tool: `node host.mjs <tool> [concurrency] [provider]`, forked with an IPC channel.
 * It loads the tool, reports `ready`, then answers recognise and memory requests (several at once if sent so).
 */
import { keepOrtTelemetryOff } from '../../app/ocr/ort-telemetry';
import { isProviderChoice } from '../../app/ocr/providers';
import { createAdapter, isToolId } from './peers';
import type { ToolPrediction } from './adapter';

/** Parent → host messages. */
export type HostRequest =
  | { readonly type: 'recognize'; readonly id: number; readonly bytes: Uint8Array; readonly file: string }
  | { readonly type: 'mem'; readonly id: number }
  | { readonly type: 'stop' };

/** Host → parent messages. */
export type HostMessage =
  | {
      readonly type: 'ready';
      readonly selfMs: number;
      readonly name: string;
      readonly version: string;
      readonly provider?: string;
    }
  | { readonly type: 'failed'; readonly error: string }
  | { readonly type: 'result'; readonly id: number; readonly pred: ToolPrediction; readonly hostMs: number }
  | { readonly type: 'error'; readonly id: number; readonly error: string }
  | { readonly type: 'mem'; readonly id: number; readonly rss: number; readonly peak: number };

// The peers load onnxruntime themselves: its telemetry is off for them as for us.
keepOrtTelemetryOff();

const send = (m: HostMessage) => process.send?.(m);

async function main(): Promise<void> {
  const [tool, conc, prov = 'cpu'] = process.argv.slice(2);
  if (!tool || !isToolId(tool) || !process.send || !isProviderChoice(prov))
    throw new Error('usage: (forked) host.mjs <tool> [concurrency] [provider]');
  const adapter = await createAdapter(tool, {
    concurrency: Number(conc ?? 1) || 1,
    provider: prov,
  });
  await adapter.start();
  process.on('message', (raw) => {
    const m = raw as HostRequest;
    switch (m.type) {
      case 'recognize': {
        const t = performance.now();
        adapter.recognize(m.bytes, m.file).then(
          (pred) => send({ type: 'result', id: m.id, pred, hostMs: performance.now() - t }),
          (err: unknown) => send({ type: 'error', id: m.id, error: String(err) }),
        );
        return;
      }
      case 'mem':
        send({
          type: 'mem',
          id: m.id,
          rss: process.memoryUsage.rss(),
          peak: process.resourceUsage().maxRSS * 1024,
        });
        return;
      case 'stop':
        void adapter.stop().finally(() => process.exit(0));
        return;
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({
    type: 'ready',
    selfMs: performance.now(),
    name: adapter.name,
    version: adapter.version,
    ...(adapter.provider ? { provider: adapter.provider } : {}),
  });
}

main().catch((err: unknown) => {
  send({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  setTimeout(() => process.exit(3), 50);
});
