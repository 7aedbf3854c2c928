/**
 * Lowers the most memory a WebAssembly binary may grow its own memory to: PDFium's build lets its heap reach 2 GiB,
 * and a page that exhausts it (it then aborts) would take that much from the process first.
 */
import { readVarint } from '../ocr/graph/protobuf-wire';

/** WebAssembly's page of linear memory. */
const WASM_PAGE = 65536;
/** The memory section's id, and the limits flag saying a maximum follows the minimum. */
const MEMORY_SECTION = 5;
const HAS_MAX = 0x01;

/** Reads an unsigned LEB128 at `at`: its value and where the next field starts. */
function leb(b: Uint8Array, at: number): [number, number] {
  const [value, next] = readVarint(b, at);
  return [Number(value), next];
}

/**
 * A copy of `binary` whose first defined memory may grow to at most `maxBytes` (never above what it allowed, never
 * below its initial size); the maximum is rewritten in the bytes it already takes, so no offset moves.
 */
export function capWasmMemory(binary: Uint8Array, maxBytes: number): ArrayBuffer {
  const out = new Uint8Array(binary.length);
  out.set(binary);
  let at = 8; // magic and version
  while (at < out.length) {
    const id = out[at]!;
    const [size, body] = leb(out, at + 1);
    if (id === MEMORY_SECTION) {
      const [count, limits] = leb(out, body);
      if (count < 1 || !((out[limits] ?? 0) & HAS_MAX)) return out.buffer;
      const [min, maxAt] = leb(out, limits + 1);
      const [max, end] = leb(out, maxAt);
      const capped = Math.max(min, Math.min(max, Math.floor(maxBytes / WASM_PAGE)));
      // Written in as many LEB128 bytes as before (continuation bits on all but the last), so the section keeps its size.
      const width = end - maxAt;
      if (capped >= 2 ** (7 * width)) return out.buffer;
      for (let i = 0; i < width; i++)
        out[maxAt + i] = (Math.floor(capped / 2 ** (7 * i)) & 0x7f) | (i < width - 1 ? 0x80 : 0);
      return out.buffer;
    }
    at = body + size;
  }
  return out.buffer;
}
