/**
 * A child for test/watch/watch-unreadable-folder.test.ts: starts a batch of one folder (as an unprivileged user, for
 * whom permissions apply) and prints `error <code> <message>` if it is refused, else `started`. Nothing is read.
 */
import type { EngineStatus } from '../../app/contracts/status';
import type { OcrService } from '../../app/engine/ocr-service';
import { Ledger } from '../../app/watch/ledger';
import { WatchManager } from '../../app/watch/watch-manager';

const service: OcrService = {
  recognize: () => Promise.reject(new Error('nothing is read in this child')),
  cancel: () => false,
  status: { state: 'unloaded' } as unknown as EngineStatus,
  onStatus: () => () => undefined,
  prewarm: () => undefined,
};
const ledger = Ledger.open(':memory:');
const manager = new WatchManager({ ledger, service });
await manager.start();
try {
  await manager.batch(process.argv[2]!);
  process.stdout.write('started\n');
} catch (err) {
  process.stdout.write(`error\t${(err as { code?: string }).code}\t${(err as Error).message}\n`);
}
await manager.close();
ledger.close();
