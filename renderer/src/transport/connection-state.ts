/** The web page's connection to `serve` as a state machine: what the event stream reports moves it, one table. */
import type { ConnectionState } from '../../../app/contracts/lantern-api';

/**
 * What the event stream says: it `opened` (a message came: server and token good), `dropped` (no answer: the browser retries by
 * itself), was `refused` (another answer than the stream, e.g. a 503 while serve stops: we retry) or `unauthorized`
 * (the token is no longer the server's: retrying cannot help).
 */
export type ConnectionInput = 'opened' | 'dropped' | 'refused' | 'unauthorized' | 'reauthorized';

/**
 * The next state for each state and input. `expired` waits for the new token, which only the URL serve printed
 * carries: opened in another tab it sets the cookie this page sends too, so a recheck (`reauthorized`) reconnects.
 */
export const CONNECTION_NEXT: Readonly<
  Record<ConnectionState, Readonly<Record<ConnectionInput, ConnectionState>>>
> = {
  connected: {
    opened: 'connected',
    dropped: 'reconnecting',
    refused: 'reconnecting',
    unauthorized: 'expired',
    reauthorized: 'connected',
  },
  reconnecting: {
    opened: 'connected',
    dropped: 'reconnecting',
    refused: 'reconnecting',
    unauthorized: 'expired',
    reauthorized: 'reconnecting',
  },
  expired: {
    opened: 'expired',
    dropped: 'expired',
    refused: 'expired',
    unauthorized: 'expired',
    reauthorized: 'reconnecting',
  },
};
