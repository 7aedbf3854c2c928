/** How the CLI reads its pages: one reader (one input of one page, GPU providers, LANTERN_LANES=1) or two. */
import os from 'node:os';
import { lanePlan, lanesFromEnv } from '../engine/lanes';
import { modelsDir } from '../models/paths';
import type { OcrPipeline } from '../ocr/pipeline';
import type { CliOptions } from './args';
import { TwoReaders, type PageReader } from './two-readers';

/** How far the CLI reads ahead of the input and page it prints next. */
export interface ReadAhead {
  readonly inputs: number;
  readonly pages: number;
}

/**
 * With two readers, later inputs and pages are decoded, rendered and queued while earlier ones are read, so that a
 * reader that is done never waits for the other's page to be printed; they print in order. Three inputs keep both
 * busy when one page takes much longer than the next; two pages of a document let the first reader go on while the
 * second one warms up with the page it was started for.
 */
const TWO_READERS_AHEAD: ReadAhead = { inputs: 3, pages: 2 };

/** The readers of one run. */
export interface CliReaders {
  readonly reader: PageReader;
  readonly ahead: ReadAhead;
  /** Frees the readers; with LANTERN_DEBUG=1 first says on stderr how many pages each read. */
  release(): Promise<void>;
}

/**
 * Plans the lanes as the engine worker does (lanes.ts). `--threads 1` under `auto` keeps one reader: two would use a
 * core each. Several inputs start the second reader at once, so that it loads and warms up while the first page is
 * read; a single document starts it when its second page waits, and a single image never does.
 */
export function readersFor(pipeline: OcrPipeline, opts: CliOptions, env: NodeJS.ProcessEnv): CliReaders {
  const setting = lanesFromEnv(env.LANTERN_LANES);
  const plan = lanePlan(setting, pipeline.provider, os.availableParallelism(), opts.threads);
  const debug = env.LANTERN_DEBUG === '1';
  if (plan.lanes === 1 || (setting === 'auto' && opts.threads === 1)) {
    return {
      reader: pipeline,
      ahead: { inputs: 0, pages: 0 },
      release: async () => {
        if (debug) console.error('lantern: readers: 1');
        await pipeline.release();
      },
    };
  }
  const two = new TwoReaders(
    pipeline,
    plan.splitThreads,
    new URL('./lane-thread.mjs', import.meta.url),
    modelsDir(),
  );
  if (opts.files.length > 1) two.want();
  return {
    reader: two,
    ahead: TWO_READERS_AHEAD,
    release: async () => {
      if (debug) {
        const r = two.report();
        const started =
          r.secondWarmupMs !== null
            ? `warm-up ${r.secondWarmupMs} ms`
            : r.secondError !== null
              ? `did not run: ${r.secondError}`
              : 'not started';
        console.error(
          `lantern: readers: 2 (${plan.splitThreads} threads each while both read); ` +
            `first read ${r.first} pages, second read ${r.second} (${started})`,
        );
      }
      await two.release();
    },
  };
}
