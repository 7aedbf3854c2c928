/** @gutenye/ocr-node 1.4.x on the repository's PP-OCRv4 det/rec files and ppocr_keys_v1.txt (it has no angle classifier). */
import Ocr from '@gutenye/ocr-node';
import { MODEL_FILES, toQuad, toolVersion, type OcrAdapter } from './adapter';

/** @gutenye/ocr-node as a benchmark adapter; its defaults otherwise (detection at full resolution, rounded to 32). */
export function gutenyeAdapter(): OcrAdapter {
  let ocr: Ocr | undefined;
  return {
    name: '@gutenye/ocr-node',
    version: toolVersion('gutenye'),
    async start() {
      ocr = await Ocr.create({
        models: {
          detectionPath: MODEL_FILES.det,
          recognitionPath: MODEL_FILES.rec,
          // Read as file.split('\n') plus ' ' for the last class: exactly the layout of ppocr_keys_v1.txt.
          dictionaryPath: MODEL_FILES.dict,
        },
      });
    },
    async recognize(bytes) {
      if (!ocr) throw new Error('@gutenye/ocr-node adapter not started');
      // detect() hands its argument to sharp(), which takes encoded bytes as well as a path.
      const found = await ocr.detect(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
      // Boxes are in the coordinates of its detection input (the image padded up to a multiple of 32).
      const lines = found.map((l) => ({ text: l.text, box: toQuad(l.box) }));
      return { lines, text: lines.map((l) => l.text).join('\n') };
    },
    async stop() {
      ocr = undefined; // it exposes no release(); the process ends after the benchmark
    },
  };
}
