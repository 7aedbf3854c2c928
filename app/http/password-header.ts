/** The PDF password a raw request's header carries (the HTTP API's side of `encodePasswordHeader`). */
import { EXT_VALUE } from '../contracts/http-routes';

/**
 * The password a header value carries: an RFC 8187 value (`utf-8''` and percent-encoded, as the window sends it)
 * decoded; otherwise the value as sent, its bytes read as UTF-8 where they are valid UTF-8 (curl sends a UTF-8 password
 * as raw bytes, which Node hands over as Latin-1 characters).
 */
export function decodePasswordHeader(value: string): string {
  if (value.toLowerCase().startsWith(EXT_VALUE)) {
    try {
      return decodeURIComponent(value.slice(EXT_VALUE.length));
    } catch {
      return value;
    }
  }
  if (!/[\u0080-\u00ff]/u.test(value)) return value;
  const utf8 = Buffer.from(value, 'latin1').toString('utf8');
  return utf8.includes('\ufffd') ? value : utf8;
}
