/** The worker's side of the channel: Electron's `process.parentPort` under utilityProcess, else Node's IPC. */
import type { WorkerMessage } from '../contracts/engine-protocol';

/** A minimal duplex port to the host. */
export interface WorkerPort {
  send(message: WorkerMessage): void;
  onMessage(cb: (message: unknown) => void): void;
  /** Called when the host side goes away (Node IPC disconnect); the worker then exits. */
  onDisconnect(cb: () => void): void;
}

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', cb: (e: { data: unknown }) => void): void;
}

/** Picks the port for the runtime this worker was started under. */
export function connectWorkerPort(): WorkerPort {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (m) => parentPort.postMessage(m),
      onMessage: (cb) => parentPort.on('message', (e) => cb(e.data)),
      onDisconnect: () => {},
    };
  }
  if (!process.send) throw new Error('the engine worker must be started by the EngineHost (no IPC channel)');
  return {
    send: (m) => process.send?.(m),
    onMessage: (cb) => process.on('message', cb),
    onDisconnect: (cb) => process.on('disconnect', cb),
  };
}
