/** Region-selection geometry the capture overlay and main share: drag rectangles, nudges, crops in physical pixels. */

/** A point in CSS pixels. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** An axis-aligned rectangle (CSS or physical pixels, said by the caller). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A size in pixels. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/** A display as the OS reports it: bounds in global CSS (DIP) pixels, and its scale factor. */
export interface DisplayGeometry {
  readonly id: number;
  readonly bounds: Rect;
  readonly scaleFactor: number;
}

/** The keys that nudge a selection. */
export type NudgeKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

/** Whether a key name nudges. */
export function isNudgeKey(key: string): key is NudgeKey {
  return key === 'ArrowLeft' || key === 'ArrowRight' || key === 'ArrowUp' || key === 'ArrowDown';
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/** The rectangle a drag from `a` to `b` spans, whichever way it went, kept inside `bounds` (CSS pixels at 0,0). */
export function rectFromDrag(a: Point, b: Point, bounds: Size): Rect {
  const x0 = clamp(Math.min(a.x, b.x), 0, bounds.width);
  const y0 = clamp(Math.min(a.y, b.y), 0, bounds.height);
  const x1 = clamp(Math.max(a.x, b.x), 0, bounds.width);
  const y1 = clamp(Math.max(a.y, b.y), 0, bounds.height);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Arrow keys move the selection by `step` CSS pixels; with `resize` (Shift) they grow or shrink it instead. */
export function nudge(r: Rect, key: NudgeKey, bounds: Size, step = 1, resize = false): Rect {
  const dx = key === 'ArrowLeft' ? -step : key === 'ArrowRight' ? step : 0;
  const dy = key === 'ArrowUp' ? -step : key === 'ArrowDown' ? step : 0;
  if (resize) {
    const width = clamp(r.width + dx, 1, bounds.width - r.x);
    const height = clamp(r.height + dy, 1, bounds.height - r.y);
    return { ...r, width, height };
  }
  return {
    ...r,
    x: clamp(r.x + dx, 0, Math.max(0, bounds.width - r.width)),
    y: clamp(r.y + dy, 0, Math.max(0, bounds.height - r.height)),
  };
}

/**
 * The crop in the image's physical pixels for a selection in CSS pixels, where one CSS pixel is `scale` image pixels
 * (the device scale factor when the image is shown at its native size). Rounds outward so no selected pixel is lost,
 * and stays inside the image; null when nothing is left.
 */
export function physicalCrop(css: Rect, scale: number, image: Size): Rect | null {
  if (!(scale > 0) || !Number.isFinite(scale)) return null;
  // The small epsilon keeps 100 × 1.5 = 150.00000000000003 from rounding out to a 151st pixel.
  const eps = 1e-6;
  const x0 = clamp(Math.floor(css.x * scale + eps), 0, image.width);
  const y0 = clamp(Math.floor(css.y * scale + eps), 0, image.height);
  const x1 = clamp(Math.ceil((css.x + css.width) * scale - eps), 0, image.width);
  const y1 = clamp(Math.ceil((css.y + css.height) * scale - eps), 0, image.height);
  if (x1 <= x0 || y1 <= y0) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** A rectangle in global desktop coordinates (CSS/DIP) made local to a display (displays left of or above the primary have negative origins). */
export function toDisplayLocal(global: Rect, display: DisplayGeometry): Rect {
  return { ...global, x: global.x - display.bounds.x, y: global.y - display.bounds.y };
}

/** The native pixel size of a display's screenshot: its size in DIP times its scale factor. */
export function nativeSize(display: DisplayGeometry): Size {
  return {
    width: Math.round(display.bounds.width * display.scaleFactor),
    height: Math.round(display.bounds.height * display.scaleFactor),
  };
}

/** The crop in a display's screenshot for a selection given in global DIP coordinates; null when it misses the display. */
export function displayCrop(global: Rect, display: DisplayGeometry): Rect | null {
  return physicalCrop(toDisplayLocal(global, display), display.scaleFactor, nativeSize(display));
}
