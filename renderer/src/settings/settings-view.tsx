/**
 * The Settings view: language, engine provider and threads, idle policy, the HTTP API (on/off, port, token; in `serve`
 * the API this page runs over, set on its command line), and where the settings are stored.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Settings, SettingsPatch } from '../../../app/contracts/settings';
import { PROVIDER_CHOICES, PROVIDER_LABEL, type ProviderName } from '../../../app/contracts/providers';
import { isWeb, lantern } from '../bridge';
import { CaptureSettings } from '../capture/capture-settings';
import { useI18n, type LanguageChoice } from '../i18n/i18n';
import { LanguageSelect } from './language-select';
import { StorageNote } from './storage-note';

interface Draft {
  provider: Settings['provider'];
  threads: string;
  idleKind: 'always-warm' | 'unload-after';
  idleMinutes: string;
  httpEnabled: boolean;
  httpPort: string;
  httpToken: string;
}

function draftOf(s: Settings): Draft {
  return {
    provider: s.provider,
    threads: String(s.threads),
    idleKind: s.idlePolicy.kind,
    idleMinutes: String(s.idlePolicy.kind === 'unload-after' ? s.idlePolicy.minutes : 10),
    httpEnabled: s.http.enabled,
    httpPort: String(s.http.port),
    httpToken: s.http.token ?? '',
  };
}

/** Validates a draft into a patch, or the field errors; `withHttp` false leaves the HTTP API settings alone. */
function patchOf(
  d: Draft,
  withHttp: boolean,
): { patch: SettingsPatch } | { errors: Partial<Record<keyof Draft, true>> } {
  const errors: Partial<Record<keyof Draft, true>> = {};
  const threads = Number(d.threads);
  if (!Number.isInteger(threads) || threads < 0 || threads > 64) errors.threads = true;
  const minutes = Number(d.idleMinutes);
  if (d.idleKind === 'unload-after' && !(minutes > 0 && minutes <= 24 * 60)) errors.idleMinutes = true;
  const port = Number(d.httpPort);
  const token = d.httpToken.trim();
  if (withHttp) {
    if (!Number.isInteger(port) || port < 1024 || port > 65535) errors.httpPort = true;
    if (token !== '' && (token.length < 16 || token.length > 200)) errors.httpToken = true;
  }
  if (Object.keys(errors).length > 0) return { errors };
  const patch: SettingsPatch = {
    provider: d.provider,
    threads,
    idlePolicy: d.idleKind === 'always-warm' ? { kind: 'always-warm' } : { kind: 'unload-after', minutes },
  };
  return {
    patch: withHttp
      ? { ...patch, http: { enabled: d.httpEnabled, port, token: token === '' ? null : token } }
      : patch,
  };
}

/** A random URL-safe token. */
function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Settings form. */
export function SettingsView(props: { readonly active: boolean }) {
  const { t, choice, setChoice } = useI18n();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [runtime, setRuntime] = useState<Settings['runtime']>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, true>>>({});
  const [saving, setSaving] = useState<'idle' | 'saving' | 'saved' | { error: string }>('idle');
  const ids = useId();

  useEffect(() => {
    if (!props.active) return;
    lantern.settings.get().then(
      (s) => {
        setDraft(draftOf(s));
        setRuntime(s.runtime);
        setLoadError(null);
      },
      (err: unknown) => setLoadError((err as Error).message),
    );
  }, [props.active]);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => (d ? { ...d, [k]: v } : d));
    setSaving('idle');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const r = patchOf(draft, !served);
    if ('errors' in r) {
      setErrors(r.errors);
      return;
    }
    setErrors({});
    setSaving('saving');
    lantern.settings.set(r.patch).then(
      (s) => {
        setDraft(draftOf(s));
        setSaving('saved');
      },
      (err: unknown) => setSaving({ error: (err as Error).message }),
    );
  };
  const id = (name: string) => `${ids}-${name}`;
  // In `serve` the page runs over the HTTP API, whose address and token come from serve's command line.
  const served = (runtime?.mode ?? (isWeb ? 'serve' : 'desktop')) === 'serve';
  const invalid = (k: keyof Draft) => (errors[k] ? { 'aria-invalid': true as const } : {});

  return (
    <form className="settings" onSubmit={submit} noValidate>
      <h2>{t('settings.title')}</h2>
      {loadError && <p className="error-box">{t('settings.loadError', { msg: loadError })}</p>}
      <div className="card">
        <LanguageSelect id={id('lang')} value={choice} onChange={(c: LanguageChoice) => setChoice(c)} />
      </div>
      <CaptureSettings />
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
              >
                {PROVIDER_CHOICES.map((p) => (
                  <option key={p} value={p}>
                    {p === 'auto' ? t('settings.provider.auto') : PROVIDER_LABEL[p as ProviderName]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={id('threads')}>{t('settings.threads')}</label>
              <input
                id={id('threads')}
                type="number"
                min={0}
                max={64}
                step={1}
                inputMode="numeric"
                value={draft.threads}
                onChange={(e) => set('threads', e.target.value)}
                {...invalid('threads')}
              />
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
                <label htmlFor={id('minutes')}>{t('settings.idle.minutes')}</label>
                <input
                  id={id('minutes')}
                  type="number"
                  min={1}
                  max={1440}
                  value={draft.idleMinutes}
                  onChange={(e) => set('idleMinutes', e.target.value)}
                  {...invalid('idleMinutes')}
                />
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
                  <label htmlFor={id('port')}>{t('settings.http.port')}</label>
                  <input
                    id={id('port')}
                    type="number"
                    min={1024}
                    max={65535}
                    value={draft.httpPort}
                    disabled={!draft.httpEnabled}
                    onChange={(e) => set('httpPort', e.target.value)}
                    {...invalid('httpPort')}
                  />
                </div>
                <div className="field">
                  <label htmlFor={id('token')}>{t('settings.http.token')}</label>
                  <div className="row">
                    <input
                      id={id('token')}
                      type="text"
                      autoComplete="off"
                      spellCheck={false}
                      className="mono grow"
                      value={draft.httpToken}
                      disabled={!draft.httpEnabled}
                      aria-describedby={id('token-hint')}
                      onChange={(e) => set('httpToken', e.target.value)}
                      {...invalid('httpToken')}
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
                </div>
              </>
            )}
          </fieldset>
          <fieldset className="card">
            <legend>{t('settings.storage')}</legend>
            <StorageNote runtime={runtime} />
          </fieldset>
          <div className="row">
            <button type="submit" className="button button--primary" disabled={saving === 'saving'}>
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
