/** Request guards: the Host-header check (DNS rebinding), the Origin check (CSRF) and the bearer-token/cookie check. */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { LanternError } from '../contracts/errors';
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

/** Reads one cookie; a malformed %-escape in it is the client's error (400), not ours. */
export function cookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      throw new LanternError('BAD_REQUEST', `the ${name} cookie is not URI-encoded`);
    }
  }
  return undefined;
}

/** Constant-time string comparison. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether the request carries the token (Authorization: Bearer, any case, or the UI cookie); true when auth is off. */
export function authorized(headers: IncomingHttpHeaders, token: string | null): boolean {
  if (token === null) return true;
  const bearer = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(headers.authorization ?? '');
  if (bearer && sameToken(bearer[1]!, token)) return true;
  const c = cookie(headers, TOKEN_COOKIE);
  return c !== undefined && sameToken(c, token);
}

/** Methods that change state: the only ones the Origin check guards (reads cannot be seen cross-origin without CORS). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a state-changing request comes from another site (a page on another port or host driving the user's cookie),
 * or null when it comes from our own pages or from a script (which sends no Origin). Our origin is the Host we
 * answer to, over http or, behind a TLS proxy, https.
 */
export function crossSiteReason(method: string, headers: IncomingHttpHeaders): string | null {
  if (SAFE_METHODS.has(method)) return null;
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return `Sec-Fetch-Site is ${site}`;
  const origin = headers.origin;
  if (origin === undefined) return null;
  const host = (headers.host ?? '').toLowerCase();
  const o = origin.toLowerCase();
  return o === `http://${host}` || o === `https://${host}` ? null : `Origin ${origin} is not this server`;
}
