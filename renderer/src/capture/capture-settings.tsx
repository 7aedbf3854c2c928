/** Settings › Screen capture: how captured text is copied (desktop and browser) and the global shortcut (desktop). */
import { useEffect, useId, useRef, useState } from 'react';
import type { CaptureCopy } from '../../../app/contracts/copy-text';
import { receivedError } from '../../../app/contracts/errors';
import type { SettingsPatch } from '../../../app/contracts/settings';
import { lantern } from '../bridge';
import { useCaptureText } from './capture-messages';
import { desktopCapture } from './capture-overlay';

/** The fieldset; each field is saved on its own (main re-registers a new shortcut at once); read again when `active`. */
export function CaptureSettings(props: { readonly active: boolean }) {
  const tc = useCaptureText();
  const id = useId();
  const [shortcut, setShortcut] = useState<string | null>(null);
  const [copy, setCopy] = useState<CaptureCopy | null>(null);
  const [note, setNote] = useState('');
  /** Why main refused the shortcut last saved (malformed, or another application owns it); the old one stays. */
  const [refused, setRefused] = useState<string | null>(null);
  const [copyNote, setCopyNote] = useState('');
  /** The shortcut last loaded or saved: a typed one that differs is an edit, kept when the settings are read again. */
  const storedShortcut = useRef<string | null>(null);
  useEffect(() => {
    if (!props.active && storedShortcut.current !== null) return;
    lantern.settings.get().then(
      (s) => {
        const was = storedShortcut.current;
        storedShortcut.current = s.captureShortcut;
        setShortcut((typed) => (typed === null || typed === was ? s.captureShortcut : typed));
        setCopy(s.captureCopy);
      },
      () => {
        setShortcut('');
        setCopy('lines');
      },
    );
  }, [props.active]);
  if (shortcut === null || copy === null) return null;
  /** Saves a patch, then says so (or why not) in `show`. */
  const persist = (patch: SettingsPatch, show: (n: string) => void) =>
    void lantern.settings.set(patch).then(
      () => show(tc('capture.saved')),
      (err: unknown) => show(tc('capture.saveFailed', { msg: (err as Error).message })),
    );
  const save = () => {
    setNote('');
    setRefused(null);
    void lantern.settings.set({ captureShortcut: shortcut.trim() }).then(
      (s) => {
        storedShortcut.current = s.captureShortcut;
        setNote(tc('capture.saved'));
      },
      (err: unknown) => {
        const e = receivedError(err);
        if (e.code === 'SHORTCUT_UNAVAILABLE') setRefused(e.message);
        else setNote(tc('capture.saveFailed', { msg: e.message }));
      },
    );
  };
  const errorId = `${id}-shortcut-error`;
  const choose = (mode: CaptureCopy) => {
    setCopy(mode);
    persist({ captureCopy: mode }, setCopyNote);
  };
  return (
    <fieldset className="card" data-testid="capture-settings">
      <legend>{tc('capture.settings')}</legend>
      <div className="field" role="radiogroup" aria-labelledby={`${id}-copy`}>
        <span id={`${id}-copy`} className="field__label">
          {tc('capture.copyAs')}
        </span>
        {(['lines', 'paragraph'] as const).map((mode) => (
          <label className="check" key={mode}>
            <input
              type="radio"
              name={`${id}-copy-mode`}
              checked={copy === mode}
              onChange={() => choose(mode)}
            />
            {tc(mode === 'lines' ? 'capture.copyLines' : 'capture.copyParagraph')}
          </label>
        ))}
        <span role="status" className="notice">
          {copyNote}
        </span>
      </div>
      {desktopCapture && (
        <div className="field">
          <label htmlFor={`${id}-shortcut`}>{tc('capture.shortcut')}</label>
          <div className="row">
            <input
              id={`${id}-shortcut`}
              type="text"
              value={shortcut}
              spellCheck={false}
              aria-describedby={refused === null ? `${id}-hint` : `${id}-hint ${errorId}`}
              {...(refused === null ? {} : { 'aria-invalid': true })}
              onChange={(e) => {
                setShortcut(e.target.value);
                setRefused(null);
              }}
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
          {refused !== null && (
            <p id={errorId} className="error-text small" data-testid="shortcut-error">
              {tc('capture.shortcutRefused', { msg: refused })}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
