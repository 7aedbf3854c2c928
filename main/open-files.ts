/** Recognises files handed to the app from outside the window (a second launch, "Open with", the first command line). */
import path from 'node:path';
import { toWireError } from '../app/contracts/errors';
import { inputFormatOf } from '../app/contracts/input-formats';
import { readDocumentFile } from '../app/documents/document-file';
import type { DocumentResult } from '../app/documents/document-types';
import { ocrDocument } from '../app/documents/http-output';
import type { OcrResult } from '../app/ocr/types';
import type { HistoryService } from '../app/http/backend';
import type { OcrService } from '../app/engine/ocr-service';
import { EXTERNAL_RESULT_CHANNEL } from './ipc-channels';
import type { Broadcast } from './ipc-events';
import type { Notify } from './notifications';

/** What recognising outside files needs. */
export interface OpenFilesDeps {
  readonly engine: Pick<OcrService, 'recognize'>;
  readonly history: Pick<HistoryService, 'add' | 'addDocument'>;
  readonly broadcast: Broadcast;
  readonly notify: Notify;
}

/** Recognises each file (interactive priority), records it in history, tells the window, then notifies with counts. */
export async function openFiles(
  d: OpenFilesDeps,
  files: readonly string[],
): Promise<{ done: number; failed: number }> {
  let done = 0;
  let failed = 0;
  await Promise.all(
    files.map(async (file) => {
      try {
        const name = path.basename(file);
        // PDFs and TIFFs are read page by page (every page, not the first only), as in the window, within its limits.
        const read: { document: DocumentResult } | { result: OcrResult } = inputFormatOf({ name, type: '' })
          ?.document
          ? {
              document: await ocrDocument(d.engine, await readDocumentFile(file), {
                file: name,
                submit: { priority: 'interactive' },
              }),
            }
          : {
              result: await d.engine.recognize({ kind: 'path', path: file }, undefined, {
                priority: 'interactive',
              }),
            };
        done++;
        try {
          await ('document' in read
            ? d.history.addDocument?.(name, read.document)
            : d.history.add(name, read.result));
        } catch {
          // history is a convenience: the window still gets the result
        }
        d.broadcast(EXTERNAL_RESULT_CHANNEL, { file, ...read });
      } catch (err) {
        failed++;
        d.broadcast(EXTERNAL_RESULT_CHANNEL, { file, error: toWireError(err) });
      }
    }),
  );
  if (files.length > 0)
    d.notify(
      failed === 0 ? 'Text recognised' : 'Recognition finished with errors',
      `${done} of ${files.length} file${files.length === 1 ? '' : 's'} recognised${failed ? `, ${failed} failed` : ''}`,
    );
  return { done, failed };
}
