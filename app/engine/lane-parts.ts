/** The start of recognition lane threads beside a loaded pipeline, as the engine worker and the CLI start them. */
import type { OcrPipeline } from '../ocr/pipeline';
import { LaneThread } from './lane-client';

/** Where the lane thread's entry is and what it loads besides the pipeline's own pack and recogniser variant. */
export interface LanePartsOptions {
  readonly entry: URL;
  readonly modelsDir: string;
  readonly splitThreads: number;
  readonly packId?: string;
}

/** Starts a lane thread like the pipeline's sessions. */
export interface LaneParts {
  start(onDeath: (err: Error) => void): LaneThread;
}

/** Lane threads for `p`: the same pack and recogniser variant on the CPU, `splitThreads` intra-op threads each. */
export function laneParts(p: OcrPipeline, o: LanePartsOptions): LaneParts {
  const recVariant = p.sessions.recVariant;
  return {
    start: (onDeath) =>
      LaneThread.start(
        o.entry,
        {
          modelsDir: o.modelsDir,
          threads: o.splitThreads,
          recVariant,
          ...(o.packId ? { packId: o.packId } : {}),
        },
        onDeath,
      ),
  };
}
