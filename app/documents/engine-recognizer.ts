/** Pages of a document as normal engine requests, for callers that hold an OcrService (the HTTP API, watched folders). */
import type { SubmitOptions, OcrService } from '../engine/ocr-service';
import { loadSharp } from '../ocr/decode';
import type { RgbImage } from '../ocr/types';
import type { PageRecognizer } from './document-types';

/** Lossless and quick: the engine decodes it again, so smaller files are not worth the encoder's time. */
async function encodePng(img: RgbImage): Promise<Uint8Array> {
  const sharp = await loadSharp();
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .png({ compressionLevel: 1, adaptiveFiltering: false })
    .toBuffer();
}

/** A PageRecognizer that submits each page to `service` (rendered pages go as PNG bytes). */
export function engineRecognizer(
  service: Pick<OcrService, 'recognize'>,
  submit: SubmitOptions = {},
): PageRecognizer {
  return async (input) => {
    const bytes = input.kind === 'bytes' ? input.bytes : await encodePng(input.image);
    return service.recognize({ kind: 'bytes', bytes }, { words: true }, submit);
  };
}
