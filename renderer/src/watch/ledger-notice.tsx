/** The ledger's notice, once above the watched folders: with no folder watched no row could say it. */
import type { LedgerNotice } from '../../../app/contracts/lantern-api';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/** The words of each ledger notice; the ledger's own words (English, with its file names) follow them. */
const WORDS: Record<LedgerNotice['code'], MessageKey> = {
  LEDGER_SET_ASIDE: 'watch.notice.LEDGER_SET_ASIDE',
  LEDGER_DAMAGED: 'watch.notice.LEDGER_DAMAGED',
};

/** Says the ledger's notice, or nothing when it has none. */
export function LedgerNoticeLine(props: { readonly notice: LedgerNotice | null }) {
  const { t } = useI18n();
  const { notice } = props;
  if (!notice) return null;
  const damaged = notice.code === 'LEDGER_DAMAGED';
  return (
    <p
      className={damaged ? 'error-box' : 'notice notice--warn'}
      role={damaged ? 'alert' : 'status'}
      data-testid="watch-ledger-notice"
      data-code={notice.code}
    >
      {t(WORDS[notice.code])} <span lang="en">{notice.message}</span>
    </p>
  );
}
