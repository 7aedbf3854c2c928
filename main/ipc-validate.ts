/** Runtime validation of every IPC payload from the renderer, with the schemas and limits of the operations table. */
import { LanternError } from '../app/contracts/errors';
import { IPC_OPS, type IpcOpName, type OpParsed } from '../app/contracts/lantern-ops';
import { LIMITS } from '../app/contracts/op-schemas';
import { ipcChannel } from './ipc-channels';

/** Refuses an `image` (any operation's `{ image: { bytes } }`) over the contract's limit before zod walks its bytes. */
function checkImageSize(name: IpcOpName, payload: unknown): void {
  if (typeof payload !== 'object' || payload === null) return;
  const image: unknown = Reflect.get(payload, 'image');
  const b: unknown = typeof image === 'object' && image !== null ? Reflect.get(image, 'bytes') : undefined;
  if (!(b instanceof Uint8Array)) return;
  if (b.byteLength > LIMITS.imageBytes)
    throw new LanternError(
      'PAYLOAD_TOO_LARGE',
      `${ipcChannel(name)}: image is ${b.byteLength} bytes, over the ${LIMITS.imageBytes}-byte limit`,
    );
  if (b.byteLength === 0) throw new LanternError('BAD_REQUEST', `${ipcChannel(name)}: image.bytes is empty`);
}

/** Validates a payload; throws a LanternError (BAD_REQUEST, or PAYLOAD_TOO_LARGE for big images) saying what is wrong. */
export function validatePayload<K extends IpcOpName>(name: K, payload: unknown): OpParsed<K> {
  checkImageSize(name, payload);
  const r = IPC_OPS[name].input.safeParse(payload);
  // The schema is the table's entry for K; TypeScript cannot follow a generic key through safeParse's union.
  if (r.success) return r.data as OpParsed<K>;
  const issue = r.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'payload';
  throw new LanternError('BAD_REQUEST', `${ipcChannel(name)}: ${where}: ${issue?.message ?? 'invalid'}`);
}
