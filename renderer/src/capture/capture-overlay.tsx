/** The page of a desktop capture overlay (`index.html#capture`): the region selector over this display's frozen image. */
import { useEffect, useState } from 'react';
import type { LanternCaptureApi, OverlayFrame } from '../../../app/contracts/capture-bridge';
import { I18nProvider } from '../i18n/i18n';
import { useCaptureText } from './capture-messages';
import { RegionSelector } from './region-selector';

/** The desktop capture bridge (`window.lanternCapture` from the preload), absent in the browser (`serve`). */
export const desktopCapture: LanternCaptureApi | undefined = (
  window as { lanternCapture?: LanternCaptureApi }
).lanternCapture;

/** Whether this page is a capture overlay. */
export function isCaptureOverlay(): boolean {
  return window.location.hash === '#capture';
}

/** The overlay: asks main for its image, shows the selector, sends back the crop or the cancel. */
export function CaptureOverlay() {
  const bridge = desktopCapture;
  const [frame, setFrame] = useState<OverlayFrame | null>(null);
  const [warming, setWarming] = useState(false);
  useEffect(() => {
    document.documentElement.style.background = '#000';
    if (!bridge) return;
    const off = bridge.onWarming(setWarming);
    void bridge.frame().then(
      (f) => {
        if (!f) return bridge.cancel();
        setWarming(f.warming);
        setFrame(f);
      },
      () => bridge.cancel(),
    );
    return off;
  }, [bridge]);
  if (!frame || !bridge) return null;
  return (
    <I18nProvider initial={frame.language}>
      <OverlaySelector bridge={bridge} frame={frame} warming={warming} />
    </I18nProvider>
  );
}

/** The selector in the overlay's language, saying so while the engine warms (the region then waits for it). */
function OverlaySelector(props: {
  readonly bridge: LanternCaptureApi;
  readonly frame: OverlayFrame;
  readonly warming: boolean;
}) {
  const tc = useCaptureText();
  return (
    <RegionSelector
      image={props.frame}
      notice={props.warming ? tc('capture.warming') : undefined}
      onSelect={(crop) => props.bridge.select(crop)}
      onCancel={() => props.bridge.cancel()}
    />
  );
}
