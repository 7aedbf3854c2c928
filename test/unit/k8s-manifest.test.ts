/**
 * deploy/k8s parsed and checked against the rules that make a pod start and stay within its limits: a numeric
 * non-root user (the kubelet refuses runAsNonRoot with a named one), every path the server writes on a volume when the
 * root file system is read-only, memory sized from docs/memory.md, probes on the real endpoints.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { PDFIUM_MAX_HEAP_BYTES } from '../../app/documents/pdfium';
import { engineTunables } from '../../app/engine/malloc-tunables';
import { SHUTDOWN_GRACE_MS } from '../../app/engine/worker-slot';
import { modelCacheDir } from '../../app/models/paths';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The engine's peak with its two lanes on big pages (A0/A3 scans two at a time peaked at 1333; docs/memory.md), MiB. */
const ENGINE_PEAK_MIB = 1400;
/** The server process without request bodies or documents, MiB (docs/memory.md). */
const SERVER_BASE_MIB = 130;
/**
 * The document threads' PDFium heaps: two at once while a retired one finishes, and either may reach PDFium's cap (a
 * big legitimate page in the retired one, a bomb in the fresh one; docs/memory.md), MiB.
 */
const DOCUMENT_HEAPS_MIB = (2 * PDFIUM_MAX_HEAP_BYTES) / 2 ** 20;
/** Server memory at peak per MiB of request bodies held (the bodies and their copy to the engine; docs/memory.md). */
const PER_HELD_MIB = 2;
/** `serve --max-held-mb`'s default. */
const DEFAULT_HELD_MIB = 256;

type Obj = Record<string, unknown>;
const obj = (v: unknown, what: string): Obj => {
  assert.ok(v !== null && typeof v === 'object' && !Array.isArray(v), `${what} is not a mapping`);
  return v as Obj;
};
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x, i) => obj(x, `item ${i}`)) : []);

/** A Kubernetes memory quantity in MiB. */
function mib(q: unknown): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(q));
  assert.ok(m, `not a quantity: ${String(q)}`);
  const scale: Record<string, number> = {
    Ki: 1 / 1024,
    Mi: 1,
    Gi: 1024,
    Ti: 1024 ** 2,
    k: 1e3 / 2 ** 20,
    M: 1e6 / 2 ** 20,
    G: 1e9 / 2 ** 20,
    T: 1e12 / 2 ** 20,
  };
  return Number(m[1]) * (m[2] ? scale[m[2]]! : 1 / 2 ** 20);
}

function deployment(): { pod: Obj; container: Obj } {
  const text = readFileSync(path.join(ROOT, 'deploy/k8s/lantern-ocr.yaml'), 'utf8');
  const docs = parseAllDocuments(text);
  for (const d of docs) assert.deepEqual(d.errors, [], 'the manifest parses');
  const dep = docs.map((d) => obj(d.toJS(), 'document')).find((d) => d.kind === 'Deployment');
  assert.ok(dep, 'a Deployment');
  const pod = obj(obj(obj(dep.spec, 'spec').template, 'template').spec, 'pod spec');
  const [container] = list(pod.containers);
  assert.ok(container, 'a container');
  return { pod, container };
}

test('k8s: runAsNonRoot comes with a numeric non-root user, in the manifest and the image', () => {
  const { pod, container } = deployment();
  const podSc = obj(pod.securityContext ?? {}, 'pod securityContext');
  const sc = obj(container.securityContext ?? {}, 'container securityContext');
  const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
  const user = sc.runAsUser ?? podSc.runAsUser;
  assert.equal(nonRoot, true, 'runAsNonRoot');
  assert.ok(
    typeof user === 'number' && Number.isInteger(user) && user > 0,
    `numeric runAsUser, got ${String(user)}`,
  );
  assert.equal(sc.allowPrivilegeEscalation, false);
  const dockerUser = [
    ...readFileSync(path.join(ROOT, 'deploy/Dockerfile'), 'utf8').matchAll(/^USER\s+(\S+)/gm),
  ].at(-1);
  assert.match(dockerUser?.[1] ?? '', /^\d+(:\d+)?$/, "the image's USER is numeric");
  assert.equal(Number(dockerUser![1]!.split(':')[0]), user, 'the same user as the manifest');
});

test('k8s: with a read-only root file system, the model cache and /tmp are on writable volumes', () => {
  const { pod, container } = deployment();
  const sc = obj(container.securityContext ?? {}, 'container securityContext');
  assert.equal(sc.readOnlyRootFilesystem, true);
  const emptyDirs = new Set(
    list(pod.volumes)
      .filter((v) => v.emptyDir)
      .map((v) => String(v.name)),
  );
  const mounts = list(container.volumeMounts).filter(
    (m) => emptyDirs.has(String(m.name)) && m.readOnly !== true,
  );
  const writable = (p: string) => mounts.some((m) => !path.relative(String(m.mountPath), p).startsWith('..'));
  const env = Object.fromEntries(
    list(container.env).map((e) => [String(e.name), e.value as string | undefined]),
  );
  // The server's own rule for where the cache goes, applied to the pod's environment (HOME of a numeric user is /).
  const cache = modelCacheDir({ HOME: '/', ...env } as NodeJS.ProcessEnv);
  assert.ok(cache && writable(cache), `model cache ${String(cache)} is on a writable volume`);
  assert.ok(writable('/tmp'), '/tmp is writable');
});

test("k8s: memory request and limit cover the engine's two-lane peak, the document threads and the server", () => {
  const { container } = deployment();
  const res = obj(container.resources, 'resources');
  const requests = obj(res.requests, 'requests');
  const limits = obj(res.limits, 'limits');
  const limit = mib(limits.memory);
  const args = (container.args as string[]).map(String);
  const held = args.includes('--max-held-mb')
    ? Number(args[args.indexOf('--max-held-mb') + 1])
    : DEFAULT_HELD_MIB;
  const need = ENGINE_PEAK_MIB + SERVER_BASE_MIB + DOCUMENT_HEAPS_MIB + PER_HELD_MIB * held;
  assert.ok(limit >= need, `limit ${limit} MiB under ${need} (request bodies held: ${held} MiB)`);
  assert.ok(
    limit <= 4096,
    `limit ${limit} MiB: far above what the engine needs, so a leak would go unnoticed`,
  );
  assert.equal(mib(requests.memory), limit, 'memory request = limit (memory cannot be throttled)');
  const threads = Number(args[args.indexOf('--threads') + 1]);
  assert.ok(threads >= 1 && threads <= Number(requests.cpu), 'onnxruntime threads within the CPU request');
});

test("k8s: probes hit /health and /ready on the served port, and the grace period covers the server's", () => {
  const { pod, container } = deployment();
  const port = (container.ports as Obj[]).find((p) => p.name === 'http');
  const args = (container.args as string[]).map(String);
  assert.equal(String(port?.containerPort), args[args.indexOf('--port') + 1]);
  const probe = (name: string) => obj(obj(container[name], name).httpGet, `${name}.httpGet`);
  assert.equal(probe('livenessProbe').path, '/health');
  assert.equal(probe('startupProbe').path, '/health');
  assert.equal(probe('readinessProbe').path, '/ready');
  for (const p of ['livenessProbe', 'startupProbe', 'readinessProbe']) assert.equal(probe(p).port, 'http');
  // SIGTERM comes after preStop: the pod leaves the Service's endpoints meanwhile, so no new connection is refused.
  const preStop = obj(obj(obj(container.lifecycle, 'lifecycle').preStop, 'preStop').exec, 'preStop.exec');
  const [cmd, seconds] = (preStop.command as string[]).map(String);
  assert.equal(cmd, 'sleep');
  assert.ok(Number(seconds) >= 3, 'long enough for the endpoints to be updated');
  // Then serve's own shutdown: the grace period, the cut a second later, the worker killed SHUTDOWN_GRACE_MS after
  // the grace period, and the hard exit 2 s after that (app/serve/main.ts).
  const graceMs = Number(args[args.indexOf('--grace-ms') + 1]);
  const serverMs = graceMs + SHUTDOWN_GRACE_MS + 2000;
  assert.ok(
    Number(pod.terminationGracePeriodSeconds) * 1000 > Number(seconds) * 1000 + serverMs,
    'the kubelet waits longer than preStop and the server together',
  );
});

test("k8s: the server runs with the engine's one malloc arena, in the manifest and the image, and the engine's own tunables stay", () => {
  const { container } = deployment();
  const env = Object.fromEntries(list(container.env).map((e) => [String(e.name), e.value]));
  const manifest = String(env.GLIBC_TUNABLES);
  const image = [
    ...readFileSync(path.join(ROOT, 'deploy/Dockerfile'), 'utf8').matchAll(/^ENV\s+GLIBC_TUNABLES=(\S+)/gm),
  ].at(-1)?.[1];
  assert.equal(image, manifest, 'the image and the manifest set the same GLIBC_TUNABLES');
  // Each thread of the server (document thread, libvips, libuv) otherwise keeps an arena of freed heap (docs/memory.md).
  assert.match(manifest, /(^|:)glibc\.malloc\.arena_max=1(:|$)/);
  // The engine worker inherits it: it must get exactly the tunables it sets for itself (no mmap threshold, no more).
  assert.equal(engineTunables(manifest, 'linux'), engineTunables(undefined, 'linux'));
});
