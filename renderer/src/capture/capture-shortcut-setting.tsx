/** Settings: the global capture shortcut (desktop only; saved on its own, main re-registers it at once). */
import { useEffect, useId, useState } from 'react';
import { lantern } from '../bridge';
import { useCaptureText } from './capture-messages';
import { desktopCapture } from './capture-overlay';

/** The fieldset; renders nothing in the browser, where there is no global shortcut. */
export function CaptureShortcutSetting() {
  const tc = useCaptureText();
  const id = useId();
  const [value, setValue] = useState<string | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    if (!desktopCapture) return;
    lantern.settings.get().then(
      (s) => setValue(s.captureShortcut),
      () => setValue(''),
    );
  }, []);
  if (!desktopCapture || value === null) return null;
  const save = () =>
    void lantern.settings.set({ captureShortcut: value.trim() }).then(
      () => setNote(tc('capture.saved')),
      (err: unknown) => setNote(tc('capture.saveFailed', { msg: (err as Error).message })),
    );
  return (
    <fieldset className="card" data-testid="capture-settings">
      <legend>{tc('capture.settings')}</legend>
      <div className="field">
        <label htmlFor={`${id}-shortcut`}>{tc('capture.shortcut')}</label>
        <div className="row">
          <input
            id={`${id}-shortcut`}
            type="text"
            value={value}
            spellCheck={false}
            aria-describedby={`${id}-hint`}
            onChange={(e) => setValue(e.target.value)}
          />
          <button type="button" className="button" onClick={save}>
            {tc('capture.save')}
          </button>
          <span role="status" className="notice">
            {note}
          </span>
        </div>
        <p id={`${id}-hint`} className="muted small">
          {tc('capture.shortcutHint')}
        </p>
      </div>
    </fieldset>
  );
}
