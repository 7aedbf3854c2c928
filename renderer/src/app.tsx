/** The window: header (title, views, language, status pill) and the four views. */
import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../app/contracts/settings';
import { ActionError, useActionError } from './action-error';
import { lantern } from './bridge';
import { CaptureButton } from './capture/capture-button';
import { onShownCapture } from './capture/shown-captures';
import { installWindowGuards } from './drop-guard';
import { HistoryView } from './history/history-view';
import { I18nProvider, useI18n, type LanguageChoice } from './i18n/i18n';
import type { MessageKey } from './i18n/messages';
import { onOpenedFiles } from './recognize/opened-files';
import { RecognizeView } from './recognize/recognize-view';
import { useRecognitions } from './recognize/use-recognitions';
import { LanguageSelect } from './settings/language-select';
import { SettingsView } from './settings/settings-view';
import { StatusPill } from './status/status-pill';
import { WatchView } from './watch/watch-view';

/** The views of the window. */
export type ViewName = 'recognize' | 'watch' | 'history' | 'settings';

const VIEWS: readonly { readonly name: ViewName; readonly label: MessageKey }[] = [
  { name: 'recognize', label: 'nav.recognize' },
  { name: 'watch', label: 'nav.watch' },
  { name: 'history', label: 'nav.history' },
  { name: 'settings', label: 'nav.settings' },
];

/** Everything inside the language provider. */
function Shell() {
  const { t, choice, setChoice } = useI18n();
  const [view, setView] = useState<ViewName>('recognize');
  const rec = useRecognitions();

  useEffect(() => installWindowGuards(window, () => lantern.prewarm()), []);
  // A capture notification was clicked: Recognize shows the region with its boxes.
  const { addRead, addOpened } = rec;
  // Files opened with Lantern OCR from outside ("Open with", command line): Recognize reads them as dropped files.
  useEffect(
    () =>
      onOpenedFiles(({ files }) => {
        setView('recognize');
        addOpened(files);
      }),
    [addOpened],
  );
  useEffect(
    () =>
      onShownCapture((c) => {
        setView('recognize');
        addRead({ name: c.name, bytes: c.png, result: c.result });
      }),
    [addRead],
  );
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  // A paste of images anywhere (outside text fields) belongs to Recognize.
  useEffect(() => {
    if (view === 'recognize') return;
    const onPaste = (e: ClipboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable)) return;
      const files = Array.from(e.clipboardData?.files ?? []);
      if (files.length === 0) return;
      e.preventDefault();
      setView('recognize');
      void rec.addFiles(files);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [view, rec]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="header">
        <h1 className="brand">
          <span className="brand__mark" aria-hidden="true" />
          {t('app.title')}
        </h1>
        <nav className="nav" aria-label={t('nav.label')}>
          {VIEWS.map((v) => (
            <button
              key={v.name}
              type="button"
              className="nav__item"
              aria-current={view === v.name ? 'page' : undefined}
              data-testid={`nav-${v.name}`}
              onClick={() => setView(v.name)}
            >
              {t(v.label)}
            </button>
          ))}
        </nav>
        <div className="header__end">
          <CaptureButton />
          <LanguageSelect id="header-language" value={choice} onChange={setChoice} compact />
          <StatusPill />
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1} data-view={view}>
        <div hidden={view !== 'recognize'} data-testid="view-recognize">
          <RecognizeView rec={rec} active={view === 'recognize'} />
        </div>
        {/* Kept mounted like Recognize: a batch's progress and controls exist only as the events this view heard
            (a paused batch sends none), and a half-typed folder form is the user's work. */}
        <div hidden={view !== 'watch'} data-testid="view-watch">
          <WatchView active={view === 'watch'} />
        </div>
        {view === 'history' && (
          <div data-testid="view-history">
            <HistoryView active />
          </div>
        )}
        {/* Kept mounted too: an unsaved edit is the user's work (the view takes newer settings in when shown). */}
        <div hidden={view !== 'settings'} data-testid="view-settings">
          <SettingsView active={view === 'settings'} />
        </div>
      </main>
    </div>
  );
}

/** The root component: loads the language setting, then renders the shell. */
export function App() {
  const [initial, setInitial] = useState<LanguageChoice>('system');
  useEffect(() => {
    lantern.settings.get().then(
      (s: Settings) => setInitial(s.language),
      () => {}, // the system language stays; the settings view shows why settings cannot be read
    );
  }, []);
  const languageSave = useActionError();
  const { clear, fail } = languageSave;
  const persist = useCallback(
    (c: LanguageChoice) => void lantern.settings.set({ language: c }).then(clear, fail),
    [clear, fail],
  );
  return (
    <I18nProvider initial={initial} onChoice={persist}>
      <ActionError error={languageSave.error} testId="language-error" />
      <Shell />
    </I18nProvider>
  );
}
