/**
 * The protobuf wire format, just enough to read and rewrite ONNX models: a message is a list of fields kept as their
 * raw bytes, so whatever a rewrite does not touch is written back exactly as it was read.
 */

/** One field of a message: its number, wire type and payload (varint value, or the bytes of the other types). */
export type WireField =
  | { readonly no: number; readonly wire: 0; readonly value: bigint }
  | { readonly no: number; readonly wire: 1 | 2 | 5; readonly bytes: Uint8Array };

/** Reads an unsigned LEB128 number (a protobuf varint; WebAssembly's integers too) at `pos`: its value and the next position. */
export function readVarint(buf: Uint8Array, pos: number): [bigint, number] {
  const b0 = buf[pos];
  if (b0 !== undefined && b0 < 0x80) return [BigInt(b0), pos + 1];
  let v = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw new Error('protobuf: truncated varint');
    const b = buf[pos++]!;
    v |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return [v, pos];
    shift += 7n;
    if (shift > 63n) throw new Error('protobuf: varint too long');
  }
}

/** Splits a message into its fields, in order. */
export function decodeFields(buf: Uint8Array): WireField[] {
  const out: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p] = readVarint(buf, pos);
    pos = p;
    const no = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    if (wire === 0) {
      const [value, q] = readVarint(buf, pos);
      out.push({ no, wire, value });
      pos = q;
      continue;
    }
    let len: number;
    if (wire === 1) len = 8;
    else if (wire === 5) len = 4;
    else if (wire === 2) {
      const [l, q] = readVarint(buf, pos);
      len = Number(l);
      pos = q;
    } else throw new Error(`protobuf: unsupported wire type ${wire}`);
    if (pos + len > buf.length) throw new Error('protobuf: truncated field');
    out.push({ no, wire, bytes: buf.subarray(pos, pos + len) });
    pos += len;
  }
  return out;
}

function varintSize(v: bigint | number): number {
  if (typeof v === 'number' && v >= 0 && v < 2 ** 31) {
    let n = 1;
    for (let x = v; x >= 0x80; x = Math.floor(x / 128)) n++;
    return n;
  }
  let x = BigInt.asUintN(64, BigInt(v));
  let n = 1;
  while (x >= 0x80n) {
    x >>= 7n;
    n++;
  }
  return n;
}

function writeVarint(out: Uint8Array, pos: number, v: bigint | number): number {
  if (typeof v === 'number' && v >= 0 && v < 2 ** 31) {
    let x = v;
    while (x >= 0x80) {
      out[pos++] = (x & 0x7f) | 0x80;
      x >>>= 7;
    }
    out[pos++] = x;
    return pos;
  }
  let x = BigInt.asUintN(64, BigInt(v));
  while (x >= 0x80n) {
    out[pos++] = Number(x & 0x7fn) | 0x80;
    x >>= 7n;
  }
  out[pos++] = Number(x);
  return pos;
}

/** Writes fields back into one message. */
export function encodeFields(fields: readonly WireField[]): Uint8Array {
  let size = 0;
  for (const f of fields) {
    size += varintSize((f.no << 3) | f.wire);
    if (f.wire === 0) size += varintSize(f.value);
    else size += (f.wire === 2 ? varintSize(f.bytes.length) : 0) + f.bytes.length;
  }
  const out = new Uint8Array(size);
  let pos = 0;
  for (const f of fields) {
    pos = writeVarint(out, pos, (f.no << 3) | f.wire);
    if (f.wire === 0) pos = writeVarint(out, pos, f.value);
    else {
      if (f.wire === 2) pos = writeVarint(out, pos, f.bytes.length);
      out.set(f.bytes, pos);
      pos += f.bytes.length;
    }
  }
  return out;
}

/** A length-delimited field (string, bytes or sub-message). */
export function bytesField(no: number, bytes: Uint8Array): WireField {
  return { no, wire: 2, bytes };
}

/** A UTF-8 string field. */
export function stringField(no: number, s: string): WireField {
  return bytesField(no, new TextEncoder().encode(s));
}

/** A varint field (int32, int64, enum). */
export function varintField(no: number, v: number): WireField {
  return { no, wire: 0, value: BigInt(v) };
}

/** A 32-bit float field. */
export function floatField(no: number, v: number): WireField {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, v, true);
  return { no, wire: 5, bytes: b };
}

/** A varint field's value as a signed 64-bit number (ONNX int64 fields). */
export function int64Of(f: WireField): number {
  if (f.wire === 0) return Number(BigInt.asIntN(64, f.value));
  throw new Error(`protobuf: field ${f.no} is not a varint`);
}

/** The values of a repeated int64 field, packed or not. */
export function int64s(fields: readonly WireField[], no: number): number[] {
  const out: number[] = [];
  for (const f of fields) {
    if (f.no !== no) continue;
    if (f.wire === 0) out.push(int64Of(f));
    else if (f.wire === 2) {
      let pos = 0;
      while (pos < f.bytes.length) {
        const [v, q] = readVarint(f.bytes, pos);
        out.push(Number(BigInt.asIntN(64, v)));
        pos = q;
      }
    }
  }
  return out;
}

/** A string field's text. */
export function textOf(f: WireField): string {
  if (f.wire !== 2) throw new Error(`protobuf: field ${f.no} is not length-delimited`);
  return new TextDecoder().decode(f.bytes);
}
