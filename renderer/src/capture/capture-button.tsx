/** "Capture screen": grab one frame, select a region, OCR it at interactive priority, copy the text, show it. */
import { useCallback, useEffect, useId, useRef, useState, type Ref } from 'react';
import { createPortal } from 'react-dom';
import { captureText, type CaptureCopy } from '../../../app/contracts/copy-text';
import type { Rect } from '../../../app/contracts/region-geometry';
import { lantern } from '../bridge';
import { useFocusLater } from '../focus-later';
import { useEngineStatus } from '../hooks/use-engine-status';
import { copyText } from '../recognize/clipboard';
import { useCaptureText, type CaptureKey } from './capture-messages';
import { desktopCapture } from './capture-overlay';
import { canCapture, cropPng, grabErrorOf, grabFrame, pngOf, type Frame } from './grab-frame';
import { RegionSelector, type FrozenImage } from './region-selector';

/** Where the capture flow is; one explicit state at a time. */
type Flow =
  | { readonly step: 'idle' }
  | { readonly step: 'grabbing' }
  | { readonly step: 'selecting'; readonly frame: Frame; readonly image: FrozenImage }
  | { readonly step: 'recognising' }
  | {
      readonly step: 'done';
      readonly text: string;
      readonly lines: number;
      readonly mode: CaptureCopy;
      readonly copyError: string | null;
    }
  | { readonly step: 'error'; readonly key: CaptureKey; readonly msg: string };

const READY = new Set(['ready', 'busy']);

/** The toolbar button and everything the capture shows (selector, then the result). */
export function CaptureButton() {
  const tc = useCaptureText();
  const { status } = useEngineStatus();
  const [flow, setFlow] = useState<Flow>({ step: 'idle' });
  const url = useRef<string | null>(null);
  // The selector and the result panel take the focus from the button; it comes back when they go, never to <body>.
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);
  const focusLater = useFocusLater();

  const release = useCallback(() => {
    if (url.current) URL.revokeObjectURL(url.current);
    url.current = null;
  }, []);
  useEffect(() => release, [release]);

  const start = async () => {
    // On the desktop, main captures every display at native size and shows its own overlays.
    if (desktopCapture) {
      desktopCapture.start();
      return;
    }
    if (!canCapture()) {
      setFlow({ step: 'error', key: 'capture.unsupported', msg: '' });
      focusLater(() => panel.current);
      return;
    }
    lantern.prewarm();
    setFlow({ step: 'grabbing' });
    try {
      const frame = await grabFrame();
      release();
      url.current = URL.createObjectURL(new Blob([(await pngOf(frame)).slice()], { type: 'image/png' }));
      setFlow({
        step: 'selecting',
        frame,
        image: { url: url.current, width: frame.width, height: frame.height },
      });
    } catch (err) {
      const e = grabErrorOf(err);
      setFlow(
        e.kind === 'failed'
          ? { step: 'error', key: 'capture.failed', msg: e.message }
          : { step: 'error', key: e.kind === 'denied' ? 'capture.denied' : 'capture.unsupported', msg: '' },
      );
      // The button was disabled while grabbing, which dropped the focus to <body>: the panel saying why takes it.
      focusLater(() => panel.current);
    }
  };

  const recognise = async (frame: Frame, crop: Rect) => {
    setFlow({ step: 'recognising' });
    release();
    try {
      const bytes = await cropPng(frame, crop);
      // The setting is read alongside the OCR, so it adds no wait.
      const [result, mode] = await Promise.all([
        lantern.recognize({ name: 'screen-capture.png', bytes }, { paragraphs: true }),
        lantern.settings.get().then(
          (s) => s.captureCopy,
          () => 'lines' as const,
        ),
      ]);
      const text = captureText(result, mode);
      let copyError: string | null = null;
      if (text.trim())
        await copyText(text).catch((e: unknown) => (copyError = String((e as Error)?.message ?? e)));
      setFlow({ step: 'done', text, lines: result.lines.length, mode, copyError });
    } catch (err) {
      setFlow({ step: 'error', key: 'capture.failed', msg: (err as Error)?.message ?? String(err) });
    }
  };

  const busy = flow.step === 'grabbing' || flow.step === 'selecting' || flow.step === 'recognising';
  const warming = status !== null && !READY.has(status.state);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="button button--small"
        data-testid="capture-button"
        disabled={busy}
        onClick={() => void start()}
      >
        {/* While grabbing, the spinner also makes sure the captured tab paints a frame to grab. */}
        {flow.step === 'grabbing' && <span className="capture-spinner" aria-hidden="true" />}
        {busy ? tc('capture.buttonBusy') : tc('capture.button')}
      </button>
      {flow.step === 'selecting' &&
        createPortal(
          <RegionSelector
            image={flow.image}
            notice={warming ? tc('capture.warming') : undefined}
            onSelect={(crop) => {
              void recognise(flow.frame, crop);
              focusLater(() => panel.current);
            }}
            onCancel={() => {
              release();
              setFlow({ step: 'idle' });
              focusLater(() => button.current);
            }}
          />,
          document.body,
        )}
      {(flow.step === 'recognising' || flow.step === 'done' || flow.step === 'error') &&
        createPortal(
          <CaptureResult
            ref={panel}
            flow={flow}
            warming={warming}
            onDismiss={() => {
              setFlow({ step: 'idle' });
              focusLater(() => button.current);
            }}
          />,
          document.body,
        )}
    </>
  );
}

/** The small panel with the outcome: recognising (and warming), the text copied, or why not. */
function CaptureResult(props: {
  readonly ref: Ref<HTMLElement>;
  readonly flow: Extract<Flow, { step: 'recognising' | 'done' | 'error' }>;
  readonly warming: boolean;
  readonly onDismiss: () => void;
}) {
  const tc = useCaptureText();
  const { flow } = props;
  // The panel comes with its first words and takes the focus: a status line made with its words says nothing, so the
  // panel is described by them; what they change to later is spoken by the line.
  const said = useId();
  return (
    <section
      ref={props.ref}
      tabIndex={-1}
      className="capture-result"
      aria-label={tc('capture.result')}
      aria-describedby={said}
      data-testid="capture-result"
      data-step={flow.step}
    >
      <p id={said} role="status">
        {flow.step === 'recognising'
          ? props.warming
            ? tc('capture.warming')
            : tc('capture.running')
          : flow.step === 'error'
            ? tc(flow.key, { msg: flow.msg })
            : flow.copyError
              ? tc('capture.copyFailed', { msg: flow.copyError })
              : flow.text
                ? tc(flow.mode === 'paragraph' ? 'capture.copiedParagraph' : 'capture.copied', {
                    n: flow.lines,
                  })
                : tc('capture.noText')}
      </p>
      {flow.step === 'done' && flow.text && <pre data-testid="capture-text">{flow.text}</pre>}
      {flow.step !== 'recognising' && (
        <button type="button" className="button button--small" onClick={props.onDismiss}>
          {tc('capture.dismiss')}
        </button>
      )}
    </section>
  );
}
