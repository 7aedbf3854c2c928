/** Pages of a document as normal engine requests, for callers that hold an OcrService (the HTTP API, watched folders). */
import type { SubmitOptions, OcrService } from '../engine/ocr-service';
import { encodeRgbPng } from '../ocr/decode';
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
