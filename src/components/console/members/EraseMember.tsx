/**
 * The member page's last panel, its danger zone: an owner erases the company at its buyer's
 * request received by e-mail or phone (erase_member: every contact goes, and the company's
 * personal data as when its last contact leaves). Asked first in a dialog that names the company,
 * says what is erased and what the store keeps, and has the owner type the company's name, as
 * GitHub and Polaris confirm what cannot be undone: a button alone is pressed out of habit. Plain
 * staff read who can do it instead of the button. A former member has nothing to erase: its page
 * says at the top when and how it went, and this panel stays only to keep the success line where it
 * was said, with the focus.
 */
import { useRef, useState } from 'preact/hooks';
import { formatList, formatMoney, formatNumber, isolate } from '../../../i18n/format.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import { eraseMember, type MemberRecord } from '../../../lib/console/members.ts';
import { useOpsText } from '../ops-text.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { apiMessage, parseDetails } from '../ui/form-errors.ts';
import { PanelNotice } from '../ui/PanelNotice.tsx';
import { sameName, TypedNameField } from '../ui/TypedNameField.tsx';

interface EraseMemberProps {
  member: MemberRecord['member'];
  /** The store's currency, the rebate balance's. */
  currency: string;
  /** Its coupons neither used nor ended: with its points and rebate, what it can no longer use once erased. */
  unusedCoupons: number;
  isOwner: boolean;
  notice: string | null;
  /** The dialog is opened: the page's last success goes, as a card's submit takes it. */
  onAsk: () => void;
  /** What happened (null after a refusal); the page reads the company again either way. */
  onDone: (message: string | null) => void;
}

/** Whether a company's page shows the panel (its section links list it): a former member's only to say how its erasure went. */
export function erasePanelShown(member: MemberRecord['member'], notice: string | null): boolean {
  return !member.left_at || Boolean(notice);
}

export function EraseMember({ member, currency, unusedCoupons, isOwner, notice, onAsk, onDone }: EraseMemberProps) {
  const { t, locale } = useOpsText();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const succeeded = useRef(false);
  const company = isolate(member.company_name);
  // What the company holds, as the buyer's own leave question names it: the erasure ends its use as their leaving does.
  const held = [
    member.points_balance > 0 && t(pluralKey('eraseHeldPoints', member.points_balance, locale), { count: formatNumber(member.points_balance, locale) }),
    member.rebate_balance > 0 && t('eraseHeldRebate', { amount: formatMoney(member.rebate_balance, currency, locale) }),
    unusedCoupons > 0 && t(pluralKey('eraseHeldCoupons', unusedCoupons, locale), { count: formatNumber(unusedCoupons, locale) }),
  ].filter((part): part is string => typeof part === 'string');

  function ask() {
    succeeded.current = false;
    setTyped('');
    setMismatch(false);
    setError(null);
    onAsk();
    setOpen(true);
  }

  async function confirm() {
    if (!sameName(typed, member.company_name)) {
      setMismatch(true);
      input.current?.focus();
      return;
    }
    setBusy(true);
    const result = await eraseMember(member.id);
    setBusy(false);
    if (!result.ok) {
      // Erased in another tab, or its last contact left: the page re-read shows a former member,
      // whose panel has no dialog to keep the refusal in, so it becomes the panel's notice.
      if (parseDetails(result.error)?.field === 'member_id') return finish(apiMessage(result.error));
      setError(apiMessage(result.error));
      return onDone(null);
    }
    finish(t('erased', { company }));
  }

  function finish(said: string) {
    succeeded.current = true;
    setOpen(false);
    onDone(said);
  }

  /** Once done, to the line saying how; else back to the button. */
  const whereNext = () => (succeeded.current ? panel.current?.querySelector<HTMLElement>('[role="status"]') ?? null : null);

  if (!erasePanelShown(member, notice)) return null;
  return (
    <div class="panel danger-zone" ref={panel} aria-labelledby="erase-title" role="region">
      <h2 id="erase-title" tabIndex={-1}>{t('eraseTitle')}</h2>
      <PanelNotice text={notice} />
      {!member.left_at && (
        <>
          <p class="muted">{t('eraseIntro')}</p>
          {isOwner ? (
            <div class="actions">
              <button type="button" class="danger-outline" disabled={busy} onClick={ask}>{t('eraseButton')}</button>
            </div>
          ) : (
            <p>{t('eraseOwnersOnly')}</p>
          )}
        </>
      )}
      <ConfirmDialog
        open={open}
        title={t('eraseDialogTitle', { company })}
        confirmLabel={t('eraseButton')}
        cancelLabel={t('cancel')}
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setOpen(false)}
        returnFocus={whereNext}
      >
        <p>{t('eraseGoes')}</p>
        {held.length > 0 && <p>{t('eraseHeld', { held: formatList(held, locale) })}</p>}
        <p>{t('eraseKept')}</p>
        <p><strong>{t('eraseFinal')}</strong></p>
        <TypedNameField
          id="erase-name"
          label={t('eraseTypeLabel')}
          hint={t('eraseTypeHint', { company })}
          mismatchText={t('eraseTypeMismatch', { company })}
          mismatch={mismatch}
          value={typed}
          onInput={(value) => {
            setTyped(value);
            setMismatch(false);
          }}
          inputRef={input}
        />
      </ConfirmDialog>
    </div>
  );
}
