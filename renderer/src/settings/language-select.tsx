/** The language chooser (header and Settings): system, English, Simplified Chinese. */
import { useI18n, type LanguageChoice } from '../i18n/i18n';

const CHOICES: readonly LanguageChoice[] = ['system', 'en', 'zh-CN'];

/**
 * A select of the UI language with a visible label (in the header too: every control says what it is). The header's
 * and Settings' selects carry different labels, so that a list of the page's controls tells the two apart, and the
 * one in Settings says that it is the header's choice and that recognition reads both languages whatever it is.
 */
export function LanguageSelect(props: {
  readonly id: string;
  readonly value: LanguageChoice;
  readonly onChange: (c: LanguageChoice) => void;
  readonly compact?: boolean;
}) {
  const { t } = useI18n();
  const hint = `${props.id}-hint`;
  return (
    <span className={props.compact ? 'lang lang--compact' : 'lang field'}>
      <label htmlFor={props.id} className={props.compact ? 'lang__label' : undefined}>
        {t(props.compact ? 'lang.label' : 'lang.settingsLabel')}
      </label>
      <select
        id={props.id}
        data-testid={props.compact ? 'language-switch' : 'settings-language'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as LanguageChoice)}
        {...(props.compact ? {} : { 'aria-describedby': hint })}
      >
        {CHOICES.map((c) => (
          <option key={c} value={c}>
            {t(c === 'system' ? 'lang.system' : c === 'en' ? 'lang.en' : 'lang.zh-CN')}
          </option>
        ))}
      </select>
      {!props.compact && (
        <span id={hint} className="muted small">
          {t('lang.settingsHint')}
        </span>
      )}
    </span>
  );
}
