/** Request guards: the Host-header check against DNS rebinding, and the bearer-token/cookie check. */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_COOKIE } from '../contracts/http-routes';

/** Whether an address is loopback (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Whether the bind address accepts connections on every interface. */
export const isWildcard = (host: string) => host === '0.0.0.0' || host === '::' || host === '[::]';

/**
 * Whether the Host header names this server: the bound host or localhost (with the bound port). Bound to a wildcard
 * address (containers), any Host is accepted: the token is then mandatory, which is what protects the API.
 */
export function hostAllowed(header: string | undefined, boundHost: string, port: number): boolean {
  if (isWildcard(boundHost)) return true;
  if (!header) return false;
  const allowed = new Set([
    `${boundHost}:${port}`,
    `localhost:${port}`,
    `127.0.0.1:${port}`,
    `[::1]:${port}`,
  ]);
  if (boundHost.includes(':') && !boundHost.startsWith('[')) allowed.add(`[${boundHost}]:${port}`);
  return allowed.has(header.toLowerCase());
}

/** Reads one cookie. */
export function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Constant-time string comparison. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether the request carries the token (Authorization: Bearer, or the UI cookie); always true when auth is off. */
export function authorized(req: IncomingMessage, token: string | null): boolean {
  if (token === null) return true;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && sameToken(auth.slice(7).trim(), token)) return true;
  const c = cookie(req, TOKEN_COOKIE);
  return c !== undefined && sameToken(c, token);
}
