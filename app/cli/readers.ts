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
  /** Counts pages known to be read (each input's first, a document's others): enough of them start the second reader. */
  expect(pages: number): void;
  /** Frees the readers; with LANTERN_DEBUG=1 first says on stderr how many pages each read. */
  release(): Promise<void>;
}

/**
 * Under `auto`, the pages that start the second reader: on fewer, its load and warm-up cost more CPU than two readers
 * save (docs/documents.md, "CLI with two readers"). `LANTERN_LANES=2` starts it from the second page.
 */
const SECOND_READER_PAGES = 8;

/**
 * Plans the lanes as the engine worker does (lanes.ts). `--threads 1` under `auto` keeps one reader: two would use a
 * core each. The second reader starts as soon as enough pages are known (inputs at once, a document's once it is
 * opened), so that it loads and warms up while the first pages are read; a single image never starts it.
 */
export function readersFor(pipeline: OcrPipeline, opts: CliOptions, env: NodeJS.ProcessEnv): CliReaders {
  const setting = lanesFromEnv(env.LANTERN_LANES);
  const plan = lanePlan(setting, pipeline.provider, os.availableParallelism(), opts.threads);
  const debug = env.LANTERN_DEBUG === '1';
  if (plan.lanes === 1 || (setting === 'auto' && opts.threads === 1)) {
    return {
      reader: pipeline,
      ahead: { inputs: 0, pages: 0 },
      expect: () => {},
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
  const enough = setting === 2 ? 2 : SECOND_READER_PAGES;
  let known = 0;
  const expect = (pages: number) => {
    known += pages;
    if (known >= enough) two.want();
  };
  expect(opts.files.length);
  return {
    reader: two,
    ahead: TWO_READERS_AHEAD,
    expect,
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
