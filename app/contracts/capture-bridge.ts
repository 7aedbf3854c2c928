/** What the desktop capture bridge carries between main, the preload and the pages (types only: the preload bundles them). */
import type { OcrResult } from './ocr-result';

/** What the overlay shows. */
export interface OverlayFrame {
  readonly url: string;
  readonly width: number;
  readonly height: number;
  /** The engine is still loading or warming: the selector says the region will be read once it is ready. */
  readonly warming: boolean;
  /** The language setting, so the overlay speaks the window's language. */
  readonly language: 'system' | 'en' | 'zh-CN';
}

/** A captured region the window shows in Recognize: the crop (PNG) and its result. */
export interface ShownCapture {
  readonly name: string;
  readonly png: Uint8Array;
  readonly result: OcrResult;
}

/** `window.lanternCapture` in an overlay (the preload exposes it; named functions only, no ipcRenderer). */
export interface LanternCaptureApi {
  frame(): Promise<OverlayFrame | null>;
  select(crop: { x: number; y: number; width: number; height: number }): void;
  cancel(): void;
  /** From the main window's toolbar: the desktop capture (overlays on every display). */
  start(): void;
  /** Overlays: the engine became ready (false) or went back to warming (true); returns the unsubscribe. */
  onWarming(cb: (warming: boolean) => void): () => void;
  /** Main window: a capture to show (its notification was clicked); returns the unsubscribe. */
  onShow(cb: (c: ShownCapture) => void): () => void;
}
