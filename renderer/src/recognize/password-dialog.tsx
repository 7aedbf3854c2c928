/** Asks for an encrypted PDF's password in a modal dialog; the password only goes back to the caller. */
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';

/** A modal dialog (native `<dialog>`: focus kept inside, Escape cancels) with one password field. */
export function PasswordDialog(props: {
  readonly name: string;
  /** A password was tried and PDFium refused it. */
  readonly wrong: boolean;
  readonly onSubmit: (password: string) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="password-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-prompt`}
      data-testid="password-dialog"
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (password) props.onSubmit(password);
        }}
      >
        <h2 id={`${id}-title`}>{t('password.title')}</h2>
        <p id={`${id}-prompt`}>{t('password.prompt', { name: props.name })}</p>
        {props.wrong && (
          <p className="error-box" role="alert" data-testid="password-wrong">
            {t('password.wrong')}
          </p>
        )}
        <label className="password-dialog__field">
          {t('password.label')}
          <input
            type="password"
            autoComplete="off"
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <div className="row password-dialog__actions">
          <button type="button" className="button" onClick={props.onCancel}>
            {t('password.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={!password}>
            {t('password.open')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
