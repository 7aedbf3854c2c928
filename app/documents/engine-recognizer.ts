/** Pages of a document as normal engine requests, for callers that hold an OcrService (the HTTP API, watched folders). */
import type { SubmitOptions, OcrService } from '../engine/ocr-service';
import { encodeRgbPng } from '../ocr/decode';
import type { OcrResult } from '../ocr/types';
import type { PageRecognizer } from './document-types';

/** A PageRecognizer that submits each page to `service` (rendered pages go as PNG bytes). */
export function engineRecognizer(
  service: Pick<OcrService, 'recognize'>,
  submit: SubmitOptions = {},
): PageRecognizer {
  return async (input) => {
    // Lossless and quick (level 1): the engine decodes it again, so smaller files are not worth the encoder's time.
    const bytes = input.kind === 'bytes' ? input.bytes : await encodeRgbPng(input.image, 1);
    return service.recognize({ kind: 'bytes', bytes }, { words: true }, submit);
  };
}

/** A PageRecognizer over `ocr`, which reads one page encoded as PNG (the document thread's and DocumentReader's). */
export function bytesRecognizer(ocr: (bytes: Uint8Array) => Promise<OcrResult>): PageRecognizer {
  return engineRecognizer({
    recognize: (input) =>
      input.kind === 'bytes'
        ? ocr(input.bytes)
        : Promise.reject(new Error('a page goes to the engine encoded')),
  });
}
