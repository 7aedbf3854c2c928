/** The page of a desktop capture overlay (`index.html#capture`): the region selector over this display's frozen image. */
import { useEffect, useState } from 'react';
import { I18nProvider } from '../i18n/i18n';
import { RegionSelector, type FrozenImage } from './region-selector';

/** `window.lanternCapture` from the preload (main/capture-channels.ts). */
export interface CaptureBridge {
  frame(): Promise<FrozenImage | null>;
  select(crop: { x: number; y: number; width: number; height: number }): void;
  cancel(): void;
  start(): void;
}

/** The desktop capture bridge, absent in the browser (`serve`). */
export const desktopCapture: CaptureBridge | undefined = (window as { lanternCapture?: CaptureBridge })
  .lanternCapture;

/** Whether this page is a capture overlay. */
export function isCaptureOverlay(): boolean {
  return window.location.hash === '#capture';
}

/** The overlay: asks main for its image, shows the selector, sends back the crop or the cancel. */
export function CaptureOverlay() {
  const bridge = desktopCapture;
  const [image, setImage] = useState<FrozenImage | null>(null);
  useEffect(() => {
    document.documentElement.style.background = '#000';
    if (!bridge) return;
    void bridge.frame().then(
      (f) => (f ? setImage(f) : bridge.cancel()),
      () => bridge.cancel(),
    );
  }, [bridge]);
  if (!image || !bridge) return null;
  return (
    <I18nProvider initial="system">
      <RegionSelector
        image={image}
        onSelect={(crop) => bridge.select(crop)}
        onCancel={() => bridge.cancel()}
      />
    </I18nProvider>
  );
}
