/**
 * Sessions that record what the models answered and then answer the same inputs again from the recording, so warm-up
 * can run our own JavaScript over a page several times (until V8 has optimised it) for almost no onnxruntime time.
 */
import * as ort from 'onnxruntime-node';
import type { Sessions } from '../ocr/sessions';

type Outputs = Record<string, ort.Tensor>;
interface Call {
  readonly key: string;
  readonly outputs: readonly (readonly [string, ort.Tensor.Type, ort.Tensor.DataType, readonly number[]])[];
}
type Role = 'det' | 'cls' | 'rec';
const ROLES: readonly Role[] = ['det', 'cls', 'rec'];

const keyOf = (feeds: Outputs, fetches: unknown): string =>
  `${Object.values(feeds)
    .map((t) => t.dims.join('x'))
    .join(',')}|${JSON.stringify(fetches ?? null)}`;

const copyOf = (d: ort.Tensor.DataType): ort.Tensor.DataType =>
  (d as Float32Array).slice() as unknown as ort.Tensor.DataType;

/** `session` with `run` replaced (everything else is the session's own). */
function withRun(
  session: ort.InferenceSession,
  run: (feeds: Outputs, fetches?: readonly string[]) => Promise<Outputs>,
): ort.InferenceSession {
  return new Proxy(session, {
    get: (target, prop) => (prop === 'run' ? run : Reflect.get(target, prop, target)),
  });
}

/** A recorder over `real`: its sessions run the models and keep a copy of every answer; `replay()` answers from them. */
export function recordSessions(real: Sessions): { sessions: Sessions; replay: () => Sessions } {
  const calls: Record<Role, Call[]> = { det: [], cls: [], rec: [] };
  const recorder = (role: Role) => {
    const s = real[role];
    return withRun(s, async (feeds, fetches) => {
      const out = await (fetches ? s.run(feeds, [...fetches]) : s.run(feeds));
      const outputs = Object.entries(out).map(([name, t]) => [name, t.type, copyOf(t.data), t.dims] as const);
      calls[role].push({ key: keyOf(feeds, fetches), outputs });
      return out;
    });
  };
  const replayer = (role: Role) => {
    const s = real[role];
    let next = 0;
    return withRun(s, async (feeds, fetches) => {
      const call = calls[role][next % Math.max(1, calls[role].length)];
      next++;
      // An input the recording does not have (it cannot happen for the same page) goes to the model.
      if (!call || call.key !== keyOf(feeds, fetches))
        return fetches ? s.run(feeds, [...fetches]) : s.run(feeds);
      return Object.fromEntries(
        call.outputs.map(([name, type, data, dims]) => [
          name,
          new ort.Tensor(type as 'float32', data as Float32Array, dims),
        ]),
      );
    });
  };
  const make = (f: (role: Role) => ort.InferenceSession): Sessions => ({
    ...real,
    ...Object.fromEntries(ROLES.map((r) => [r, f(r)])),
  });
  return { sessions: make(recorder), replay: () => make(replayer) };
}
