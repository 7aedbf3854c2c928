/**
 * Electron's preload in the browser: `window.lanternDesktop` given by an init script, answering each path's calls
 * from `serve` as main answers them from disk (documents read, page images, the searchable PDF), and the `opened`
 * event main sends for "Open with", the command line and a second launch. `window.lantern` stays the web transport.
 */
import type { Page } from '@playwright/test';

/** The files "on disk" (path to bytes), and the paths main sends as the page loads (a first launch with files). */
export interface StandIn {
  readonly onDisk: Readonly<Record<string, Uint8Array>>;
  readonly openedAtLoad: readonly string[];
  /** What the folder dialog answers (null: cancelled). */
  readonly chosenFolder?: string | null;
}

/** Installs the stand-in before the page loads. */
export async function standInDesktop(page: Page, s: StandIn): Promise<void> {
  const files = Object.fromEntries(
    Object.entries(s.onDisk).map(([p, bytes]) => [p, Buffer.from(bytes).toString('base64')]),
  );
  await page.addInitScript(
    ({
      onDisk,
      atLoad,
      chosen,
    }: {
      onDisk: Record<string, string>;
      atLoad: string[];
      chosen: string | null;
    }) => {
      const bytesAt = (p: string) => Uint8Array.from(atob(onDisk[p] ?? ''), (c) => c.charCodeAt(0));
      const typeOf = (p: string) => (p.endsWith('.pdf') ? 'application/pdf' : 'image/png');
      /** A rejection as the page gets it through contextBridge: the preload's `CODE: message`, no `code` property. */
      const rejection = (code: string, message: string) => new Error(`${code}: ${message}`);
      const answered = async (res: Response) => {
        if (res.ok) return res;
        const { error } = (await res.json()) as { error: { code: string; message: string } };
        throw rejection(error.code, error.message);
      };
      // Main's cancel aborts the document's page loop as well as its engine request: here the window's cancel (the
      // web transport's POST /api/cancel/:id) also leaves the /ocr request, which stops serve's loop alike.
      const reading = new Map<string, AbortController>();
      const serveFetch = window.fetch.bind(window);
      window.fetch = (input, init) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        const cancel = /\/api\/cancel\/([^/?#]+)/.exec(url);
        if (cancel) reading.get(decodeURIComponent(cancel[1]!))?.abort();
        return serveFetch(input, init);
      };
      const post = async (url: string, p: string, headers: Record<string, string>, signal?: AbortSignal) =>
        answered(
          await serveFetch(url, {
            method: 'POST',
            credentials: 'same-origin',
            // The file's name, as main records it in the history.
            headers: {
              'content-type': typeOf(p),
              'x-file-name': encodeURIComponent(p.split('/').pop()!),
              ...headers,
            },
            body: bytesAt(p),
            ...(signal ? { signal } : {}),
          }),
        );
      const password = (o?: { password?: string }): Record<string, string> =>
        o?.password ? { 'x-lantern-pdf-password': o.password } : {};
      const named = (paths: string[]) => ({
        files: paths.map((p) => ({ name: p.split('/').pop(), path: p })),
      });
      let listener: ((o: unknown) => void) | undefined;
      /** A second launch with files: main sends them to the open window. */
      (window as unknown as { __openWith: (paths: string[]) => void }).__openWith = (paths) =>
        listener?.(named(paths));
      (window as unknown as { lanternDesktop: unknown }).lanternDesktop = {
        chooseFolder: async () => chosen,
        pathForFile: () => '',
        imageAt: async (f: { path: string }) => bytesAt(f.path),
        documents: {
          recognize: async (
            f: { path: string },
            o?: { requestId?: string; password?: string; paragraphs?: boolean },
          ) => {
            const ac = new AbortController();
            if (o?.requestId) reading.set(o.requestId, ac);
            try {
              const headers = { ...(o?.requestId ? { 'x-request-id': o.requestId } : {}), ...password(o) };
              const url = o?.paragraphs ? '/ocr?paragraphs=1' : '/ocr';
              return await (await post(url, f.path, headers, ac.signal)).json();
            } catch (err) {
              throw ac.signal.aborted ? rejection('CANCELLED', 'the document was cancelled') : err;
            } finally {
              if (o?.requestId) reading.delete(o.requestId);
            }
          },
          pageImage: async (f: { path: string }, n: number, o?: { password?: string }) =>
            new Uint8Array(
              await (await post(`/api/page-image?page=${n}`, f.path, password(o))).arrayBuffer(),
            ),
          searchablePdf: async (f: { name: string; path: string }, result: unknown) => {
            const form = new FormData();
            form.append('file', new Blob([bytesAt(f.path)], { type: typeOf(f.path) }), f.name);
            form.append(
              'result',
              new Blob([JSON.stringify(result)], { type: 'application/json' }),
              'result.json',
            );
            const res = await serveFetch('/api/searchable-pdf', {
              method: 'POST',
              credentials: 'same-origin',
              body: form,
            });
            return new Uint8Array(await (await answered(res)).arrayBuffer());
          },
        },
        // Main sends the first ones as the page loads, before the UI listens (a first launch with files).
        onOpened: (cb: (o: unknown) => void) => {
          listener = cb;
          if (atLoad.length > 0) cb(named(atLoad));
          return () => {};
        },
      };
    },
    { onDisk: files, atLoad: [...s.openedAtLoad], chosen: s.chosenFolder ?? null },
  );
}

/** A second launch of the app with these paths (they must be in `onDisk`): the window gets them as opened files. */
export async function openWith(page: Page, paths: readonly string[]): Promise<void> {
  await page.evaluate(
    (p) => (window as unknown as { __openWith: (paths: string[]) => void }).__openWith(p),
    [...paths],
  );
}
