/** Recognises files handed to the app from outside the window (a second launch, "Open with", the first command line). */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { toWireError } from '../app/contracts/errors';
import { inputFormatOf } from '../app/contracts/input-formats';
import type { DocumentResult } from '../app/documents/document-types';
import type { OcrResult } from '../app/ocr/types';
import type { HistoryService } from '../app/http/backend';
import type { OcrService } from '../app/engine/ocr-service';
import type { DocumentOps } from './document-ops';
import { EXTERNAL_RESULT_CHANNEL } from './ipc-channels';
import type { Broadcast } from './ipc-events';
import type { Notify } from './notifications';

/** What recognising outside files needs. */
export interface OpenFilesDeps {
  readonly engine: Pick<OcrService, 'recognize'>;
  /** The window's document operations: PDFs and TIFFs are read by path on the document thread, never on main's. */
  readonly documents: Pick<DocumentOps, 'recognizeDocument'>;
  readonly history: Pick<HistoryService, 'add'>;
  readonly broadcast: Broadcast;
  readonly notify: Notify;
}

/** Reads one file: a document page by page as a dropped one is (progress, cancel, limits, History), else one image. */
async function readOne(
  d: OpenFilesDeps,
  file: string,
  name: string,
): Promise<{ document: DocumentResult } | { result: OcrResult }> {
  if (inputFormatOf({ name, type: '' })?.document)
    return {
      document: await d.documents.recognizeDocument(
        { name, path: file },
        { requestId: `open-${randomUUID()}` },
      ),
    };
  const result = await d.engine.recognize({ kind: 'path', path: file }, undefined, {
    priority: 'interactive',
  });
  try {
    await d.history.add(name, result);
  } catch {
    // history is a convenience: the window still gets the result
  }
  return { result };
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
        const read = await readOne(d, file, path.basename(file));
        done++;
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
