/** The web page's connection to `serve` as a state machine: what the event stream reports moves it, one table. */
import type { ConnectionState } from '../../../app/contracts/lantern-api';

/**
 * What the event stream says: it `opened` (a message came: server and token good), `dropped` (no answer: the browser retries by
 * itself), was `refused` (another answer than the stream, e.g. a 503 while serve stops: we retry) or `unauthorized`
 * (the token is no longer the server's: retrying cannot help).
 */
export type ConnectionInput = 'opened' | 'dropped' | 'refused' | 'unauthorized';

/** The next state for each state and input; `expired` is final, since only the URL serve printed carries the new token. */
export const CONNECTION_NEXT: Readonly<
  Record<ConnectionState, Readonly<Record<ConnectionInput, ConnectionState>>>
> = {
  connected: {
    opened: 'connected',
    dropped: 'reconnecting',
    refused: 'reconnecting',
    unauthorized: 'expired',
  },
  reconnecting: {
    opened: 'connected',
    dropped: 'reconnecting',
    refused: 'reconnecting',
    unauthorized: 'expired',
  },
  expired: { opened: 'expired', dropped: 'expired', refused: 'expired', unauthorized: 'expired' },
};
