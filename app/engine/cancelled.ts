/** The error of a request whose signal aborted, in the words of whoever aborted it. */
import { LanternError } from '../contracts/errors';

/** The signal's reason when it is coded (e.g. an explicit cancel), else the usual cause: the client went away. */
export function cancelledError(signal: AbortSignal | undefined): LanternError {
  const reason: unknown = signal?.reason;
  return reason instanceof LanternError ? reason : new LanternError('CANCELLED', 'the client went away');
}
