/**
 * Names shared by the HTTP server and its clients; the operations themselves are the table in http-api.ts. The HTTP
 * surface of `serve` (and of the desktop app's optional API): probe and OCR endpoints from the brief, plus the
 * `/api/*` routes the web transport of `window.lantern` uses. Errors are `{ error: { code, message } }` with a 4xx/5xx.
 *
 * Auth: `Authorization: Bearer <token>` or the `lantern_token` cookie (set by `GET /?token=<token>`, which redirects to
 * `/`). `/health`, `/ready` and `/metrics` are open; everything else needs the token unless auth is off.
 *
 * - `GET /health` → 200 `{status:'ok', model_loaded, state, code, detail, provider, uptime_s, queue, engine_pid,
 *   restarts}` (`code`: the status code, `detail`: its English words); 503 once self-heal has failed repeatedly
 * - `GET /ready` → 200 when warm, answering heartbeats and with a free OCR slot, else 503 (same body plus `reason`
 *   and `reason_code`)
 * - `GET /favicon.ico` → our icon
 * - `GET /metrics` → Prometheus text
 * - `POST /ocr` raw image body (`Content-Type: image/*`), optional `X-Request-Id`, `X-File-Name` (URI-encoded),
 *   `?paragraphs=1` → OcrResult; or `multipart/form-data` with `file` fields → array of OcrResult | {file, error}
 * - `GET /events` → SSE: `event: status` (EngineStatus), `event: watch` (WatchEvent), `event: page` (PageProgress)
 * - `POST /api/page-image?page=N` raw PDF/TIFF/image body → PNG of that page for display; `POST /api/searchable-pdf`
 *   multipart `file` + `result` (its DocumentResult JSON) → the searchable PDF, without OCR
 * - `GET /api/status` → EngineStatus; `POST /api/retry`; `POST /api/prewarm`; `POST /api/cancel/:requestId` → {cancelled}
 * - `GET /api/history?limit=N` (1–500, default 100; LIMITS in lantern-ops.ts) → HistoryEntry[]; `DELETE /api/history`
 *   (every entry); `DELETE /api/history/:id` (one entry; 404 `NOT_FOUND` when none has that id)
 * - `GET /api/settings` → Settings (with `runtime`: the mode and the settings file, null in memory); `PUT /api/settings`
 *   (SettingsPatch JSON) → Settings
 * - `GET /api/watch` → WatchFolder[]; `POST /api/watch` `{dir, options}` → WatchFolder; `DELETE /api/watch/:id`;
 *   `PUT /api/watch/:id` `{enabled}` → WatchFolder; `GET /api/watch/failed?limit=N` → FailedFile[];
 *   `POST /api/watch/retry/:fileId`; `POST /api/watch/batch` `{dir, options}` → 202 `{batchId}` (OCR a folder
 *   once); `GET /api/watch/batch` → the batches running or paused (their latest `batch` event);
 *   `POST /api/watch/batch/:batchId` `{action: pause|resume|cancel}` → `{ok}`; `GET /api/watch/ledger` → WatchLedger
 *   (`{notice}`: the ledger set aside at start or found damaged since, else null; it reads no row, so it answers then)
 */

/** Name of the auth cookie the UI uses after `/?token=`. */
export const TOKEN_COOKIE = 'lantern_token';

/** Header carrying a caller-chosen request id (for cancellation). */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Header carrying the original file name of a raw-body upload (URI-encoded). */
export const FILE_NAME_HEADER = 'x-file-name';
/** A PDF's password on a raw POST /ocr (multipart bodies may send a `password` field instead). */
export const PDF_PASSWORD_HEADER = 'x-lantern-pdf-password';
/** The warning codes of an answer that is text, Markdown or a PDF (JSON carries `warnings` itself), comma-separated. */
export const WARNINGS_HEADER = 'x-lantern-warnings';

/** RFC 8187's prefix of a UTF-8, percent-encoded header value. */
export const EXT_VALUE = "utf-8''";

/**
 * A password as a header value any client can send: `utf-8''` and its UTF-8 percent-encoded (RFC 8187), since a
 * browser's fetch refuses header values outside Latin-1 (a Chinese password could not be sent at all).
 */
export function encodePasswordHeader(password: string): string {
  return `${EXT_VALUE}${encodeURIComponent(password)}`;
}
