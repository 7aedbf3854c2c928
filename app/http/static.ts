/** The built renderer (dist/renderer) as files with a strict CSP; paths outside it are refused. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LanternError } from '../contracts/errors';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The Content-Security-Policy of the UI (same as the Electron window's). */
export const UI_CSP =
  "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Resolves a raw (still %-encoded) URL path inside `root`; null when it would escape; 400 for a bad escape. */
export function safeJoin(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    throw new LanternError('BAD_REQUEST', 'the path has a malformed %-escape');
  }
  if (decoded.includes('\0')) return null;
  const full = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  return full === root || full.startsWith(root + path.sep) ? full : null;
}

/** A file of the UI, ready to send. */
export interface StaticFile {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

/** Reads a file of the renderer build (index.html for `/`); null when it does not exist. */
export async function readStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  const file = safeJoin(root, urlPath === '/' ? '/index.html' : urlPath);
  if (!file) return null;
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return null;
  }
  return {
    body,
    headers: {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': UI_CSP,
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': file.endsWith('.html') ? 'no-store' : 'public, max-age=3600',
    },
  };
}
