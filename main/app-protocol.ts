/**
 * The `lantern://app/` protocol serving the built renderer (dist/renderer) with the CSP, instead of `file://`.
 * Registered as privileged (standard, secure) before `ready`; refuses any path that leaves the root.
 */
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './sender-check';
import { SECURITY_HEADERS } from './csp';

/** The privileges of our scheme, registered before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/** The part of Electron's `protocol` used before ready. */
export interface SchemeRegistrar {
  registerSchemesAsPrivileged(schemes: (typeof APP_SCHEME_PRIVILEGES)[]): void;
}

/** The part of Electron's `protocol` used after ready. */
export interface ProtocolHandlerRegistry {
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

/** Registers `lantern:` as a privileged standard, secure scheme (must run before `app` is ready). */
export function registerAppScheme(protocol: SchemeRegistrar): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a `lantern://app/...` URL names inside `root`, or null for another host or a path leaving the root. */
export function resolveAppFile(root: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${path.posix.normalize(`/${rel}`)}`);
  const inside = path.relative(base, file);
  if (!inside || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside))
    return null;
  return file;
}

/** Reads a file (fs.promises.readFile fits; Electron's fs reads inside the asar). */
export type ReadFile = (file: string) => Promise<Uint8Array>;

/** The protocol handler: GET/HEAD of files under `root`, 403 outside it, 404 when missing. */
export function createAppProtocolHandler(
  root: string,
  readFile: ReadFile,
): (request: Request) => Promise<Response> {
  const plain = (status: number, text: string) =>
    new Response(text, {
      status,
      headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' },
    });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    const file = resolveAppFile(root, request.url);
    if (!file) return plain(403, 'forbidden');
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch {
      return plain(404, 'not found');
    }
    const headers = {
      ...SECURITY_HEADERS,
      'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    };
    // readFile's buffers are backed by plain ArrayBuffers.
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers,
    });
  };
}

/** Serves `root` on `lantern://app/` (after ready). */
export function setupAppProtocol(protocol: ProtocolHandlerRegistry, root: string, readFile: ReadFile): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root, readFile));
}
