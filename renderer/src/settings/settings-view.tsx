/**
 * The Settings view: language, engine provider and threads, idle policy, the HTTP API (on/off, port, token; in `serve`
 * the API this page runs over, set on its command line), and where the settings are stored.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { SETTINGS_LIMITS, type Settings } from '../../../app/contracts/settings';
import { IDLE_MINUTES_MAX } from '../../../app/contracts/status';
import { PROVIDER_CHOICES, PROVIDER_LABEL, type ProviderName } from '../../../app/contracts/providers';
import { isWeb, lantern } from '../bridge';
import { CaptureSettings } from '../capture/capture-settings';
import { useI18n, type LanguageChoice } from '../i18n/i18n';
import { FieldError } from './field-error';
import { LanguageSelect } from './language-select';
import { ProviderNow } from './provider-now';
import {
  CHECKED_FIELDS,
  draftOf,
  patchOf,
  rebased,
  type CheckedField,
  type Draft,
  type FieldErrors,
} from './settings-draft';
import { StorageNote } from './storage-note';

/** A random URL-safe token. */
function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Settings form; kept mounted while hidden, so a half-made edit outlives a look at another view. */
export function SettingsView(props: { readonly active: boolean }) {
  const { t, choice, setChoice } = useI18n();
  const [draft, setDraft] = useState<Draft | null>(null);
  /** The settings the draft started from (last loaded or saved): a field equal to its stored value is not an edit. */
  const stored = useRef<Draft | null>(null);
  const [runtime, setRuntime] = useState<Settings['runtime']>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  /** Bumped by each refused save: the first wrong field then gets the focus (once its message is there to describe it). */
  const [refused, setRefused] = useState(0);
  const [saving, setSaving] = useState<'idle' | 'saving' | 'saved' | { error: string }>('idle');
  const ids = useId();

  useEffect(() => {
    if (!props.active) return;
    // Shown again: settings saved elsewhere meanwhile (another page, main) show, except in the fields being edited.
    lantern.settings.get().then(
      (s) => {
        const next = draftOf(s);
        const was = stored.current;
        stored.current = next;
        setDraft((d) => (d && was ? rebased(d, was, next) : next));
        setRuntime(s.runtime);
        setLoadError(null);
      },
      (err: unknown) => setLoadError((err as Error).message),
    );
  }, [props.active]);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => (d ? { ...d, [k]: v } : d));
    setSaving('idle');
    // A changed value is judged again at the next save; its message goes meanwhile.
    setErrors((e) => (k in e ? { ...e, [k]: undefined } : e));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft || saving === 'saving') return;
    const r = patchOf(draft, !served);
    if ('errors' in r) {
      setErrors(r.errors);
      setRefused((n) => n + 1);
      return;
    }
    setErrors({});
    setSaving('saving');
    lantern.settings.set(r.patch).then(
      (s) => {
        stored.current = draftOf(s);
        setDraft(stored.current);
        setSaving('saved');
      },
      (err: unknown) => setSaving({ error: (err as Error).message }),
    );
  };
  const id = (name: string) => `${ids}-${name}`;
  // Only a refused save moves the focus (to the first wrong field), not an error cleared while typing.
  useEffect(() => {
    const first = CHECKED_FIELDS.find((k) => errors[k]);
    if (refused > 0 && first) document.getElementById(id(first))?.focus();
  }, [refused]);
  // In `serve` the page runs over the HTTP API, whose address and token come from serve's command line.
  const served = (runtime?.mode ?? (isWeb ? 'serve' : 'desktop')) === 'serve';
  const errorId = (k: CheckedField) => id(`${k}-error`);
  /** A field's aria-invalid and aria-describedby (its range message, after any hint it has) while it is wrong. */
  const invalid = (k: CheckedField, hint?: string) =>
    errors[k]
      ? { 'aria-invalid': true as const, 'aria-describedby': [hint, errorId(k)].filter(Boolean).join(' ') }
      : hint
        ? { 'aria-describedby': hint }
        : {};
  const fieldError = (k: CheckedField) => errors[k] && <FieldError id={errorId(k)} field={k} />;

  return (
    <form className="settings" onSubmit={submit} noValidate>
      <h2>{t('settings.title')}</h2>
      {loadError && <p className="error-box">{t('settings.loadError', { msg: loadError })}</p>}
      <div className="card">
        <LanguageSelect id={id('lang')} value={choice} onChange={(c: LanguageChoice) => setChoice(c)} />
      </div>
      <CaptureSettings active={props.active} />
      {draft && (
        <>
          <fieldset className="card">
            <legend>{t('settings.engine')}</legend>
            <div className="field">
              <label htmlFor={id('provider')}>{t('settings.provider')}</label>
              <select
                id={id('provider')}
                value={draft.provider}
                onChange={(e) => set('provider', e.target.value as Settings['provider'])}
                aria-describedby={id('provider-now')}
              >
                {PROVIDER_CHOICES.map((p) => (
                  <option key={p} value={p}>
                    {p === 'auto' ? t('settings.provider.auto') : PROVIDER_LABEL[p as ProviderName]}
                  </option>
                ))}
              </select>
              <ProviderNow id={id('provider-now')} chosen={stored.current?.provider} />
            </div>
            <div className="field">
              <label htmlFor={id('threads')}>{t('settings.threads')}</label>
              <input
                id={id('threads')}
                type="number"
                min={SETTINGS_LIMITS.threads.min}
                max={SETTINGS_LIMITS.threads.max}
                step={1}
                inputMode="numeric"
                value={draft.threads}
                onChange={(e) => set('threads', e.target.value)}
                {...invalid('threads')}
              />
              {fieldError('threads')}
            </div>
            <p className="muted small">{t('settings.restartNote')}</p>
            <div className="field" role="radiogroup" aria-labelledby={id('idle')}>
              <span id={id('idle')} className="field__label">
                {t('settings.idle')}
              </span>
              <label className="check">
                <input
                  type="radio"
                  name={id('idle-kind')}
                  checked={draft.idleKind === 'always-warm'}
                  onChange={() => set('idleKind', 'always-warm')}
                />
                {t('settings.idle.warm')}
              </label>
              <label className="check">
                <input
                  type="radio"
                  name={id('idle-kind')}
                  checked={draft.idleKind === 'unload-after'}
                  onChange={() => set('idleKind', 'unload-after')}
                />
                {t('settings.idle.unload')}
              </label>
            </div>
            {draft.idleKind === 'unload-after' && (
              <div className="field">
                <label htmlFor={id('idleMinutes')}>{t('settings.idle.minutes')}</label>
                <input
                  id={id('idleMinutes')}
                  type="number"
                  min={1}
                  max={IDLE_MINUTES_MAX}
                  value={draft.idleMinutes}
                  onChange={(e) => set('idleMinutes', e.target.value)}
                  {...invalid('idleMinutes')}
                />
                {fieldError('idleMinutes')}
              </div>
            )}
          </fieldset>
          <fieldset className="card" data-testid="settings-http">
            <legend>{t('settings.http')}</legend>
            {served ? (
              <p>
                {t('settings.http.served', { origin: window.location.origin })}{' '}
                {t('settings.http.servedFlags')}
              </p>
            ) : (
              <>
                <label className="check">
                  <input
                    type="checkbox"
                    role="switch"
                    checked={draft.httpEnabled}
                    onChange={(e) => set('httpEnabled', e.target.checked)}
                  />
                  {t('settings.http.enabled')}
                </label>
                <div className="field">
                  <label htmlFor={id('httpPort')}>{t('settings.http.port')}</label>
                  <input
                    id={id('httpPort')}
                    type="number"
                    min={SETTINGS_LIMITS.port.min}
                    max={SETTINGS_LIMITS.port.max}
                    value={draft.httpPort}
                    disabled={!draft.httpEnabled}
                    onChange={(e) => set('httpPort', e.target.value)}
                    {...invalid('httpPort')}
                  />
                  {fieldError('httpPort')}
                </div>
                <div className="field">
                  <label htmlFor={id('httpToken')}>{t('settings.http.token')}</label>
                  <div className="row">
                    <input
                      id={id('httpToken')}
                      type="text"
                      autoComplete="off"
                      spellCheck={false}
                      className="mono grow"
                      value={draft.httpToken}
                      disabled={!draft.httpEnabled}
                      onChange={(e) => set('httpToken', e.target.value)}
                      {...invalid('httpToken', id('token-hint'))}
                    />
                    <button
                      type="button"
                      className="button"
                      disabled={!draft.httpEnabled}
                      onClick={() => set('httpToken', newToken())}
                    >
                      {t('settings.http.generate')}
                    </button>
                  </div>
                  <p id={id('token-hint')} className="muted small">
                    {t('settings.http.tokenHint')}
                  </p>
                  {fieldError('httpToken')}
                </div>
              </>
            )}
          </fieldset>
          <fieldset className="card">
            <legend>{t('settings.storage')}</legend>
            <StorageNote runtime={runtime} />
          </fieldset>
          <div className="row">
            {/* Not disabled while saving: a disabled button loses the focus to <body>; a submit meanwhile is ignored. */}
            <button type="submit" className="button button--primary" aria-disabled={saving === 'saving'}>
              {saving === 'saving' ? t('settings.saving') : t('settings.save')}
            </button>
            <span role="status" className="notice">
              {saving === 'saved' && t('settings.saved')}
              {typeof saving === 'object' && t('settings.error', { msg: saving.error })}
            </span>
          </div>
        </>
      )}
    </form>
  );
}
