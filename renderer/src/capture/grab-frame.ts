/** One still frame of a screen, window or tab through `getDisplayMedia`, and a PNG crop of it. */
import type { Rect } from '../../../app/contracts/region-geometry';

/** A grabbed frame: a canvas at the capture's pixel size. */
export type Frame = HTMLCanvasElement;

/** Why a capture did not give a frame. */
export type GrabError =
  | { readonly kind: 'unsupported' }
  | { readonly kind: 'denied' }
  | { readonly kind: 'failed'; readonly message: string };

/** Whether this browser can capture at all (secure context with getDisplayMedia). */
export function canCapture(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';
}

/** Classifies a getDisplayMedia rejection: the user or policy refusing is not a failure of ours. */
export function grabErrorOf(err: unknown): GrabError {
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'AbortError') return { kind: 'denied' };
  return { kind: 'failed', message: err instanceof Error ? err.message : String(err) };
}

/**
 * Asks for a capture (the current tab is offered first), waits for its first frame, draws it on a canvas and stops the
 * stream at once, so nothing keeps recording.
 */
export async function grabFrame(): Promise<Frame> {
  const stream = await navigator.mediaDevices.getDisplayMedia({
    video: true,
    preferCurrentTab: true,
  } as DisplayMediaStreamOptions);
  try {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    await video.play();
    if (video.videoWidth === 0)
      await new Promise<void>((resolve) => video.addEventListener('resize', () => resolve(), { once: true }));
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')!.drawImage(video, 0, 0);
    video.srcObject = null;
    return canvas;
  } finally {
    for (const t of stream.getTracks()) t.stop();
  }
}

/** Encodes a canvas as PNG bytes. */
export async function pngOf(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the frame could not be encoded as PNG');
  return new Uint8Array(await blob.arrayBuffer());
}

/** The crop of a frame (physical pixels) as PNG bytes. */
export async function cropPng(frame: Frame, crop: Rect): Promise<Uint8Array> {
  const out = document.createElement('canvas');
  out.width = crop.width;
  out.height = crop.height;
  out
    .getContext('2d')!
    .drawImage(frame, crop.x, crop.y, crop.width, crop.height, 0, 0, crop.width, crop.height);
  return pngOf(out);
}
