/** How the CLI reads its pages: one reader (one input of one page, GPU providers, LANTERN_LANES=1) or lane threads. */
import os from 'node:os';
import { LANE_THREADS, lanePlan, lanesFromEnv } from '../engine/lanes';
import { modelsDir } from '../models/paths';
import type { OcrPipeline } from '../ocr/pipeline';
import type { CliOptions } from './args';
import { LaneReaders, type PageReader, type ReaderCounts } from './lane-readers';

/** How far the CLI reads ahead of the input and page it prints next. */
export interface ReadAhead {
  readonly inputs: number;
  readonly pages: number;
}

/**
 * With lane threads, later inputs and pages are decoded, rendered and queued while earlier ones are read, so that a
 * lane that is done never waits for the other's page to be printed; they print in order. Three inputs keep both
 * busy when one page takes much longer than the next; three pages of a document keep a rendered page waiting for
 * each lane that frees while the page printed next is still read (with two, lanes waited on 40-page PDFs).
 */
const LANE_READERS_AHEAD: ReadAhead = { inputs: 3, pages: 3 };

/** The readers of one run. */
export interface CliReaders {
  readonly reader: PageReader;
  readonly ahead: ReadAhead;
  /** Counts pages known to be read (each input's first, a document's others): enough of them start the lanes. */
  expect(pages: number): void;
  /** Frees the readers; with LANTERN_DEBUG=1 first says on stderr how many pages each read. */
  release(): Promise<void>;
}

/**
 * Under `auto`, the pages that start the lanes: on fewer, their load costs more CPU than reading two pages at once
 * saves (docs/documents.md, "CLI with two readers"). `LANTERN_LANES=2` starts them from the second page.
 */
const LANE_PAGES = 8;

/**
 * Plans the lanes as the engine worker does (lanes.ts). `--threads 1` under `auto` keeps one reader: two would use a
 * core each. The lanes start as soon as enough pages are known (inputs at once, a document's once it is opened), so
 * that they load while the first pages are read; a single image never starts them.
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
  const lanes = new LaneReaders(
    pipeline,
    plan.splitThreads,
    new URL('./lane-thread.mjs', import.meta.url),
    modelsDir(),
  );
  const enough = setting === 2 ? 2 : LANE_PAGES;
  let known = 0;
  const expect = (pages: number) => {
    known += pages;
    if (known >= enough) lanes.want();
  };
  expect(opts.files.length);
  return {
    reader: lanes,
    ahead: LANE_READERS_AHEAD,
    expect,
    release: async () => {
      if (debug) console.error(`lantern: readers: ${debugLine(lanes.report(), plan.splitThreads)}`);
      await lanes.release();
    },
  };
}

/** The LANTERN_DEBUG line: how many pages this thread and each lane read, and how the lanes started. */
function debugLine(r: ReaderCounts, splitThreads: number): string {
  const started =
    r.laneReadyMs !== null
      ? `ready after ${r.laneReadyMs} ms`
      : r.laneError !== null
        ? `did not run: ${r.laneError}`
        : 'not started';
  return (
    `main + ${LANE_THREADS} lanes (${splitThreads} threads each); ` +
    `main read ${r.main} pages, lanes read ${r.lanes.join(' and ')} (${started})`
  );
}
