/** The result pane's polite line: which item is being read, said when that item is dropped or chosen. */
import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n';
import { LiveLine, useUtterance } from '../live-line';

/** The item the pane waits for (queued or running, nothing to show yet), or undefined. */
export interface WaitedItem {
  readonly id: string;
  readonly name: string;
}

/**
 * A status line kept in the page while the pane's content comes and goes: a region created with its words says
 * nothing, so the words go into one that is already there.
 */
export function WaitingLine(props: { readonly waiting: WaitedItem | undefined }) {
  const { t } = useI18n();
  const [said, say] = useUtterance();
  const { waiting } = props;
  useEffect(() => {
    // Words left standing after the result came would be read again as stale news: the line is emptied then.
    if (waiting) say(t('result.waiting', { name: waiting.name }));
    else say('');
    // Only another item to wait for is news: its queued → running step, or a new language, says nothing by itself.
  }, [waiting?.id]);
  return <LiveLine said={said} testId="result-waiting" />;
}
