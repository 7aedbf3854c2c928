/** A lane thread that starts and then dies on the first page it is given, as a lane that crashes mid-page would. */
import { parentPort } from 'node:worker_threads';

parentPort.postMessage({ type: 'ready', loadMs: 1 });
parentPort.on('message', () => process.exit(3));
