/** The two halves of a second recognition lane beside a loaded pipeline, as the engine worker and the CLI start them. */
import type { OcrPipeline } from '../ocr/pipeline';
import { createSessions, type Sessions } from '../ocr/sessions';
import { LaneThread } from './lane-client';

/** Where the lane thread's entry is and what it loads besides the pipeline's own pack and recogniser variant. */
export interface LanePartsOptions {
  readonly entry: URL;
  readonly modelsDir: string;
  readonly splitThreads: number;
  readonly packId?: string;
}

/** The main thread's sessions at the split thread count, and the start of a lane thread like them. */
export interface LaneParts {
  loadSplit(): Promise<Sessions>;
  start(warmupPage: Uint8Array, onDeath: (err: Error) => void): LaneThread;
}

/** Both halves for `p`: the same pack and recogniser variant on the CPU, `splitThreads` intra-op threads each. */
export function laneParts(p: OcrPipeline, o: LanePartsOptions): LaneParts {
  const recVariant = p.sessions.recVariant;
  return {
    loadSplit: () => createSessions(p.pack, { provider: 'cpu', threads: o.splitThreads, recVariant }),
    start: (warmupPage, onDeath) =>
      LaneThread.start(
        o.entry,
        {
          modelsDir: o.modelsDir,
          threads: o.splitThreads,
          recVariant,
          ...(o.packId ? { packId: o.packId } : {}),
          warmupPage,
        },
        onDeath,
      ),
  };
}
