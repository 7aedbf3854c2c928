/**
 * ppu-paddle-ocr 6.x on the repository's PP-OCRv4 det/rec files. Its CTC decoder indexes the dictionary by class id and
 * emits a space for the last entry; it prepends the blank itself only when the list is one shorter than the classes.
 * ppocr_keys_v1.txt lists the 6623 characters without the trailing space class (6625 classes = blank + 6623 + space),
 * so as-is every character comes out shifted by one (garbage) and spaces are dropped. It is given the same file with a
 * final " " line appended (6624 entries), the form it expects: blank prepended by it, space as the last class.
 */
import { readFile } from 'node:fs/promises';
import { PaddleOcrService, type PaddleOcrResult } from 'ppu-paddle-ocr';
import { MODEL_FILES, rectQuad, toolVersion, type OcrAdapter } from './adapter';

/** ppocr_keys_v1.txt in the layout ppu-paddle-ocr's decoder expects: one entry per class after the blank. */
export async function ppuDictionary(): Promise<ArrayBuffer> {
  const keys = (await readFile(MODEL_FILES.dict, 'utf8')).replace(/\r?\n$/, '');
  const bytes = new TextEncoder().encode(`${keys}\n `);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** ppu-paddle-ocr as a benchmark adapter; its defaults otherwise (auto side limit, per-line strategy, no cls). */
export function ppuAdapter(): OcrAdapter {
  let service: PaddleOcrService | undefined;
  return {
    name: 'ppu-paddle-ocr',
    version: toolVersion('ppu'),
    async start() {
      service = new PaddleOcrService({
        model: {
          detection: MODEL_FILES.det,
          recognition: MODEL_FILES.rec,
          charactersDictionary: await ppuDictionary(),
        },
      });
      await service.initialize();
    },
    async recognize(bytes) {
      if (!service) throw new Error('ppu-paddle-ocr adapter not started');
      const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      // noCache: it otherwise answers a repeated image from a result cache keyed by the bytes.
      const r = (await service.recognize(buf, { noCache: true })) as PaddleOcrResult;
      const lines = r.lines.map((items) => {
        const x0 = Math.min(...items.map((i) => i.box.x));
        const y0 = Math.min(...items.map((i) => i.box.y));
        const x1 = Math.max(...items.map((i) => i.box.x + i.box.width));
        const y1 = Math.max(...items.map((i) => i.box.y + i.box.height));
        return { text: items.map((i) => i.text).join(' '), box: rectQuad(x0, y0, x1, y1) };
      });
      return { lines, text: r.text };
    },
    async stop() {
      await service?.destroy();
      service = undefined;
    },
  };
}
