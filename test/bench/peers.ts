/** The benchmark's OCR tools behind one adapter shape; each tool's libraries load only when it is created. */
import type { EvalSource } from '../../app/eval/dataset';
import type { AdapterOptions, OcrAdapter, ToolId } from './adapter';
import { CHINESE_SOURCES, nativeTesseractLangs } from './peer-tesseract-native';

/** The adapter shape and the tool ids, re-exported for callers of the registry. */
export {
  ALL_TOOL_IDS,
  TOOL_IDS,
  isToolId,
  type OcrAdapter,
  type ToolId,
  type ToolPrediction,
} from './adapter';

/** Creates the adapter of one tool (not started). */
export async function createAdapter(id: ToolId, opts: AdapterOptions = {}): Promise<OcrAdapter> {
  switch (id) {
    case 'lantern':
      return (await import('./peer-lantern')).lanternAdapter(opts);
    case 'gutenye':
      return (await import('./peer-gutenye')).gutenyeAdapter();
    case 'ppu':
      return (await import('./peer-ppu')).ppuAdapter();
    case 'tesseract':
      return (await import('./peer-tesseract')).tesseractAdapter(opts);
    case 'tesseract5':
      return (await import('./peer-tesseract-native')).nativeTesseractAdapter();
  }
}

/** Table names of the tools. */
export const TOOL_NAMES: Readonly<Record<ToolId, string>> = {
  lantern: 'Lantern OCR',
  gutenye: '@gutenye/ocr-node',
  ppu: 'ppu-paddle-ocr',
  tesseract: 'tesseract.js (eng)',
  tesseract5: 'Tesseract 5 (native)',
};

/** Whether a tool reads only English (it skips the Chinese sources). */
export const ENGLISH_ONLY: Readonly<Record<ToolId, boolean>> = {
  lantern: false,
  gutenye: false,
  ppu: false,
  tesseract: true,
  tesseract5: false,
};

/** Sources a tool is not run on (tesseract.js eng, and native Tesseract without chi_sim: the Chinese ones). */
export function skipsSource(id: ToolId, source: string): boolean {
  const englishOnly =
    ENGLISH_ONLY[id] || (id === 'tesseract5' && !nativeTesseractLangs()?.includes('chi_sim'));
  return englishOnly && CHINESE_SOURCES.includes(source);
}

/** Whether a tool can run on this machine (native Tesseract is an optional apt package; the rest are npm ones). */
export function toolAvailable(id: ToolId): boolean {
  return id !== 'tesseract5' || nativeTesseractLangs()?.includes('eng') === true;
}

/** The sources a tool is run on, in the set's order. */
export function sourcesFor(id: ToolId, sources: readonly EvalSource[]): EvalSource[] {
  return sources.filter((s) => !skipsSource(id, s.name));
}

/** How each tool is configured, for the reports. */
export const TOOL_CONFIG_NOTES: readonly string[] = [
  '**Lantern OCR**: `OcrPipeline` on the CPU provider unless the run asks for another (`--provider`; `threads: 0` = one intra-op thread per core), PP-OCRv4 det + rec and the mobile v2 angle classifier from `models/`, warmed up (`app/engine/warmup.ts`) before it reports ready.',
  '**@gutenye/ocr-node**: `Ocr.create({ models: { detectionPath, recognitionPath, dictionaryPath } })` on the same `models/` files (it has no angle classifier); its defaults otherwise (detection on the whole image rounded up to a multiple of 32, no side limit; onnxruntime default session options). Its boxes are in the padded detection-input coordinates (at most 31 px off).',
  '**ppu-paddle-ocr**: `new PaddleOcrService({ model: { detection, recognition, charactersDictionary } })` on the same det/rec files (no angle classifier); `noCache: true` on every call (it otherwise answers repeated images from a result cache). Its CTC decoder indexes the dictionary by class id, prepends the blank only when the list has one entry fewer than the model has classes, and emits a space for the last entry. `ppocr_keys_v1.txt` has 6,623 lines for 6,625 classes (blank + 6,623 characters + space), so given as-is every character is shifted by one (garbage) and spaces are lost; it is given the same file with a final `" "` line appended (6,624 entries). Defaults otherwise (`maxSideLength: "auto"`, `per-line` strategy, drop score 0.5).',
  '**tesseract.js (eng)**: `createWorker("eng", OEM.LSTM_ONLY, { langPath: node_modules/@tesseract.js-data/eng/4.0.0_best_int, gzip: true, cacheMethod: "none" })` with its bundled Node worker and `tesseract.js-core` wasm (nothing fetched); English sources only (rects, screens_zh and lpr_plate_crops are shown as –). In the 2-in-flight throughput run it is a `createScheduler()` over two workers.',
  '**Tesseract 5 (native)**: the Debian `tesseract-ocr` program (LSTM, its own page layout analysis), one process per image with the image on stdin, `-l eng` on the English sources and `-l chi_sim+eng` on the Chinese ones (`tesseract-ocr-chi-sim`; without it they are shown as –), `--psm 3` (automatic page segmentation) on pages and `--psm 7` (a single line) on crop sources, TSV output grouped into its lines in its own reading order; `OMP_THREAD_LIMIT=1`. Skipped where it is not installed. Accuracy only, not in the speed benchmark.',
];
