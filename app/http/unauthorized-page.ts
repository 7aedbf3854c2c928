/** What a browser sees when it opens the server without the token: where to find the link, not a JSON error. */

/** Whether the client is a browser asking for a page (API clients keep getting the JSON 401). */
export function wantsHtml(method: string, accept: string | undefined): boolean {
  return (method === 'GET' || method === 'HEAD') && /\btext\/html\b/i.test(accept ?? '');
}

/** The page: plain HTML, no script, no external resource. */
export const UNAUTHORIZED_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lantern OCR: sign-in link needed</title>
<link rel="icon" href="/favicon.ico">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;color:#222}
code{background:#f3f3f3;padding:.1em .3em;border-radius:3px}</style></head>
<body><h1>Open the link that <code>serve</code> printed</h1>
<p>This Lantern OCR server needs its access token. When it started, <code>serve</code> printed a line like
<code>Lantern OCR serving on http://127.0.0.1:8765/?token=…</code>: open that URL once in this browser and it will
remember the token.</p>
<p>Scripts send <code>Authorization: Bearer &lt;token&gt;</code> instead.</p></body></html>
`;
