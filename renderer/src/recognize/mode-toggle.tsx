/** The lines / paragraphs switch shared by the Recognize result and the History detail. */
import { useRef, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import type { TextMode } from './export';

const MODES = ['lines', 'paragraphs'] as const;

/** The step each arrow key takes through the choices, as in WAI-ARIA's radio group pattern. */
const STEP: Readonly<Record<string, number>> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * A two-option radio group choosing how the text is shown: one Tab stop (the checked option), and the arrow keys
 * move the focus and the choice together, wrapping at either end.
 */
export function ModeToggle(props: { readonly mode: TextMode; readonly onMode: (m: TextMode) => void }) {
  const { t } = useI18n();
  const group = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = STEP[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const next = MODES[(MODES.indexOf(props.mode) + step + MODES.length) % MODES.length]!;
    props.onMode(next);
    group.current?.querySelector<HTMLElement>(`[data-mode="${next}"]`)?.focus();
  };
  return (
    <div
      className="segmented"
      role="radiogroup"
      aria-label={t('view.mode')}
      ref={group}
      onKeyDown={onKeyDown}
    >
      {MODES.map((m) => (
        <button
          key={m}
          type="button"
          role="radio"
          data-mode={m}
          aria-checked={props.mode === m}
          tabIndex={props.mode === m ? 0 : -1}
          className={props.mode === m ? 'segmented__on' : ''}
          onClick={() => props.onMode(m)}
        >
          {t(m === 'lines' ? 'view.lines' : 'view.paragraphs')}
        </button>
      ))}
    </div>
  );
}
