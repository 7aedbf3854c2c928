/** Language choice and translation: a context holding the chosen language (system, en, zh-CN) and `t()`. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { EN, ZH_CN, type MessageKey, type Messages } from './messages';

/** A language the UI is written in. */
export type UiLanguage = 'en' | 'zh-CN';

/** What the user chose (the settings' `language`). */
export type LanguageChoice = 'system' | UiLanguage;

/** Fills `{name}` placeholders; numbers are written for the language ("1,234"). */
export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

/** The UI language for a BCP 47 tag: Chinese variants get Simplified Chinese, everything else English. */
export function languageFor(tag: string | undefined): UiLanguage {
  return tag?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Resolves a choice against the browser's languages. */
export function resolveLanguage(choice: LanguageChoice): UiLanguage {
  return choice === 'system' ? languageFor(navigator.languages?.[0] ?? navigator.language) : choice;
}

const DICTS: Record<UiLanguage, Messages> = { en: EN, 'zh-CN': ZH_CN };

/** Builds `t()` for one language. */
export function translator(lang: UiLanguage): Translate {
  const dict = DICTS[lang];
  const numbers = new Intl.NumberFormat(lang);
  return (key, params) => {
    const one = params?.n === 1 ? dict[`${key}.one` as MessageKey] : undefined;
    const text = one ?? dict[key] ?? EN[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => {
      const v = params[name];
      return v === undefined ? m : typeof v === 'number' ? numbers.format(v) : v;
    });
  };
}

interface I18nValue {
  readonly lang: UiLanguage;
  readonly choice: LanguageChoice;
  readonly setChoice: (c: LanguageChoice) => void;
  readonly t: Translate;
}

const I18nContext = createContext<I18nValue>({
  lang: 'en',
  choice: 'system',
  setChoice: () => {},
  t: translator('en'),
});

/** Provides the language; `onChoice` persists a change the user made (settings). */
export function I18nProvider(props: {
  readonly initial: LanguageChoice;
  readonly onChoice?: (c: LanguageChoice) => void;
  readonly children: ReactNode;
}) {
  const { initial, onChoice } = props;
  const [choice, setChoiceState] = useState<LanguageChoice>(initial);
  useEffect(() => setChoiceState(initial), [initial]);
  const lang = resolveLanguage(choice);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setChoice = useCallback(
    (c: LanguageChoice) => {
      setChoiceState(c);
      onChoice?.(c);
    },
    [onChoice],
  );
  const value = useMemo(() => ({ lang, choice, setChoice, t: translator(lang) }), [lang, choice, setChoice]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

/** The current language, the choice and `t()`. */
export function useI18n(): I18nValue {
  return useContext(I18nContext);
}
