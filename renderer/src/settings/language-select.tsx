/** The language chooser (header and Settings): system, English, Simplified Chinese. */
import { useI18n, type LanguageChoice } from '../i18n/i18n';

const CHOICES: readonly LanguageChoice[] = ['system', 'en', 'zh-CN'];

/** A select of the UI language with a visible label (in the header too: every control says what it is). */
export function LanguageSelect(props: {
  readonly id: string;
  readonly value: LanguageChoice;
  readonly onChange: (c: LanguageChoice) => void;
  readonly compact?: boolean;
}) {
  const { t } = useI18n();
  return (
    <span className={props.compact ? 'lang lang--compact' : 'lang field'}>
      <label htmlFor={props.id} className={props.compact ? 'lang__label' : undefined}>
        {t('lang.label')}
      </label>
      <select
        id={props.id}
        data-testid={props.compact ? 'language-switch' : 'settings-language'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as LanguageChoice)}
      >
        {CHOICES.map((c) => (
          <option key={c} value={c}>
            {t(c === 'system' ? 'lang.system' : c === 'en' ? 'lang.en' : 'lang.zh-CN')}
          </option>
        ))}
      </select>
    </span>
  );
}
