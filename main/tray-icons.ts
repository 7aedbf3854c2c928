/** Tray icons drawn in code: a round lamp whose colour is the engine state, encoded as small PNGs (no image assets). */
import { deflateSync } from 'node:zlib';
import type { EngineState } from '../app/contracts/status';

/** The icon kinds the tray shows. */
export type TrayIconKind = 'ready' | 'busy' | 'error' | 'idle';

/** RGB of each kind. */
export const TRAY_COLOURS: Readonly<Record<TrayIconKind, readonly [number, number, number]>> = {
  ready: [46, 158, 91],
  busy: [224, 161, 0],
  error: [217, 58, 58],
  idle: [128, 132, 140],
};

/** Which icon an engine state shows. */
export function trayIconKind(state: EngineState): TrayIconKind {
  switch (state) {
    case 'ready':
      return 'ready';
    case 'unloaded':
      return 'idle';
    case 'error':
    case 'crashed':
    case 'hung':
      return 'error';
    case 'busy':
    case 'starting':
    case 'loading':
    case 'warming':
    case 'restarting':
      return 'busy';
  }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes RGBA pixels (row-major, 4 bytes each) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A `size`×`size` PNG of an anti-aliased disc in the kind's colour, with a lighter centre. */
export function trayIconPng(kind: TrayIconKind, size = 32): Buffer {
  const [r, g, b] = TRAY_COLOURS[kind];
  const px = new Uint8Array(size * size * 4);
  const c = (size - 1) / 2;
  const radius = size * 0.42;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const alpha = Math.max(0, Math.min(1, radius - d + 0.5));
      const light = d < radius * 0.35 ? 0.35 : 0; // the lamp's glow
      const i = (y * size + x) * 4;
      px[i] = Math.round(r + (255 - r) * light);
      px[i + 1] = Math.round(g + (255 - g) * light);
      px[i + 2] = Math.round(b + (255 - b) * light);
      px[i + 3] = Math.round(alpha * 255);
    }
  }
  return encodePng(size, size, px);
}

/** The tray icon's size in device-independent pixels: 24 fills Linux panels (22–24 px); 16 on Windows and macOS. */
export function trayIconDip(platform: NodeJS.Platform): number {
  return platform === 'linux' ? 24 : 16;
}

/** One tray icon at 1x and 2x, for nativeImage.addRepresentation (HiDPI panels and Retina menu bars take the 2x). */
export function trayIconReps(
  kind: TrayIconKind,
  platform: NodeJS.Platform,
): { scaleFactor: number; buffer: Buffer }[] {
  const dip = trayIconDip(platform);
  return [1, 2].map((scaleFactor) => ({ scaleFactor, buffer: trayIconPng(kind, dip * scaleFactor) }));
}
