/**
 * The rebate wallet's cards on a member's page: credit rebate, deduct rebate used on an order
 * (apply_rebate), and take back a staff credit given by mistake (correct_rebate_credit). Each
 * checks the form, then shows what is about to happen — the company, the amount with its
 * currency, the order or the credit, the note and the balance it leads to — and sends only once
 * that is confirmed: a mistyped amount (99999999999 for 99.99) was credited at once.
 */
import type { ComponentChildren } from 'preact';
import type { z } from 'zod';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatMoney } from '../../../i18n/format.ts';
import {
  addMoney, correctCredit, correctionSchema, creditRebate, creditSchema, deductRebate, deductSchema, type StaffCredit,
} from '../../../lib/console/members.ts';
import type { Result } from '../../../lib/console/result.ts';
import { staffCreditLabel } from '../../../lib/ledger-note.ts';
import { useOpsText } from '../ops-text.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { Field, FormError } from '../ui/Field.tsx';
import { apiErrors, noErrors, zodErrors, type FormErrors } from '../ui/form-errors.ts';
import { PanelNotice } from '../ui/PanelNotice.tsx';
import { ReviewFacts } from '../ui/ReviewFacts.tsx';
import { CheckedForm } from '../ui/CheckedForm.tsx';
import { BusyButton } from '../../BusyButton.tsx';
import { useRequestKeys } from '../../request-key.ts';

interface RebateActionsProps {
  memberId: string;
  company: string;
  currency: string;
  /** The wallet as the page read it; the engine checks it again when the change is sent. */
  balance: number;
  credits: StaffCredit[];
  /** The member's order numbers, newest first: offered for a deduction. */
  orderRefs: string[];
  notices: { credit: string | null; deduct: string | null; correct: string | null };
  /** A former member: nothing more is credited or spent, only a staff credit taken back. */
  former: boolean;
  onCredited: (message: string) => void;
  onDeducted: (message: string) => void;
  onCorrected: (message: string) => void;
}

/**
 * Which of the three cards a company's page shows (the page's section links list them): nothing is
 * credited to or spent by a former member, and with no staff credit there is nothing to take back
 * (the card would only say so).
 */
export function rebateCards(former: boolean, credits: StaffCredit[]): { credit: boolean; deduct: boolean; correct: boolean } {
  return { credit: !former, deduct: !former, correct: credits.length > 0 };
}

/** The three cards side by side, as the page's other action cards. */
export function RebateActions(props: RebateActionsProps) {
  const cards = rebateCards(props.former, props.credits);
  if (!cards.credit && !cards.deduct && !cards.correct) return null;
  return (
    <div class="grid-2 action-panels">
      {cards.credit && <CreditForm {...props} />}
      {cards.deduct && <DeductForm {...props} />}
      {cards.correct && <CorrectForm {...props} />}
    </div>
  );
}

/**
 * A form's check-then-confirm: `ask` opens the confirmation with the checked form, `confirm` sends
 * it with its key (request-key.ts: the same for a retry of the same form) and closes it; a refusal
 * is shown in the card, beside its field or as the form's sentence.
 * When the change leaves the card nothing more to do (`leavesNothing`: no balance to deduct, no
 * credit to take back), its fields and button go once the page reloads: the keyboard is taken to
 * the card's `heading` once the confirmation has closed, not dropped to the page.
 */
function useConfirmed<Form>(
  fields: string[],
  send: (form: Form, requestId: string) => Promise<Result<number>>,
  sent: (balance: number, form: Form) => void,
  leavesNothing?: (balance: number, form: Form) => boolean,
) {
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Form | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [refocus, setRefocus] = useState(false);
  const keys = useRequestKeys();
  // After the render that closed the dialog: while it is open the rest of the page is inert.
  useEffect(() => {
    if (!refocus) return;
    setRefocus(false);
    heading.current?.focus();
  }, [refocus]);
  return {
    errors,
    setErrors,
    busy,
    pending,
    heading,
    ask(form: Form) {
      setErrors(noErrors);
      setPending(form);
    },
    cancel: () => setPending(null),
    async confirm() {
      if (pending === null) return;
      setBusy(true);
      const result = await send(pending, keys.for(pending));
      setBusy(false);
      setPending(null);
      if (!result.ok) return setErrors(apiErrors(result.error, fields));
      keys.done();
      sent(result.data, pending);
      if (leavesNothing?.(result.data, pending)) setRefocus(true);
    },
  };
}

/** An amount kept on one line: beside its term on a phone, "US$99,999,999,999.00" broke mid-figure. */
const whole = (text: string) => <span class="nowrap">{text}</span>;

function useMoney(currency: string) {
  const { locale } = useOpsText();
  return (amount: number) => formatMoney(amount, currency, locale);
}

/**
 * One card of the wallet: its title and intro, the fields (or, with `empty`, why there is nothing
 * to do), the refusal, the button, and the confirmation reviewing what is about to happen.
 */
function ActionCard<Form>({ id, title, intro, action, notice, submitLabel, submit, empty = null, changed, confirm, children }: {
  id: string;
  title: string;
  intro: string;
  action: ReturnType<typeof useConfirmed<Form>>;
  notice: string | null;
  submitLabel: string;
  submit: (event: SubmitEvent) => void;
  empty?: string | null;
  /** Anything typed: the confirmation sends, or is cancelled, after the form's submit, so the form cannot tell. */
  changed: boolean;
  confirm: { title: string; label: (form: Form | null) => string; tone?: 'primary'; review: (form: Form) => [string, ComponentChildren][] };
  children: ComponentChildren;
}) {
  const { t } = useOpsText();
  const pending = action.pending;
  return (
    <CheckedForm check={action.errors} changed={changed} class="panel" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1} ref={action.heading}>{title}</h2>
      <p class="muted panel-intro">{intro}</p>
      <div class="stack panel-body">
        {empty === null ? (
          <>
            {children}
            <FormError message={action.errors.form} />
            <PanelNotice text={notice} />
            <div class="actions">
              <BusyButton type="submit" class="primary" busy={action.busy}>{action.busy ? t('saving') : submitLabel}</BusyButton>
            </div>
          </>
        ) : (
          <>
            <PanelNotice text={notice} />
            <p class="muted">{empty}</p>
          </>
        )}
        <ConfirmDialog
          open={pending !== null}
          title={confirm.title}
          confirmLabel={confirm.label(pending)}
          cancelLabel={t('cancel')}
          {...(confirm.tone ? { tone: confirm.tone } : {})}
          busy={action.busy}
          onConfirm={() => void action.confirm()}
          onCancel={action.cancel}
        >
          {pending && <ReviewFacts rows={confirm.review(pending)} />}
        </ConfirmDialog>
      </div>
    </CheckedForm>
  );
}

function CreditForm({ memberId, company, currency, balance, notices, onCredited }: RebateActionsProps) {
  const { t, msg, locale } = useOpsText();
  const money = useMoney(currency);
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const action = useConfirmed<z.infer<ReturnType<typeof creditSchema>>>(['amount', 'note'], (form, requestId) => creditRebate(memberId, form, requestId), (newBalance) => {
    setAmount('');
    setNote('');
    onCredited(t('rebateCredited', { balance: money(newBalance) }));
  });

  function submit(event: SubmitEvent) {
    event.preventDefault();
    const parsed = creditSchema(locale).safeParse({ amount, note });
    if (!parsed.success) return action.setErrors({ fields: zodErrors(parsed.error), form: null });
    action.ask(parsed.data);
  }

  return (
    <ActionCard
      id="credit"
      changed={amount !== '' || note !== ''}
      title={t('rebateCreditTitle')}
      intro={t('rebateCreditIntro')}
      action={action}
      notice={notices.credit}
      submitLabel={t('rebateCredit')}
      submit={submit}
      confirm={{
        title: t('rebateCreditConfirmTitle'),
        label: (form) => t('rebateCreditConfirm', { amount: money(form?.amount ?? 0) }),
        tone: 'primary',
        review: (form) => [
          [t('reviewCompany'), company],
          [t('reviewAmount'), whole(money(form.amount))],
          [t('note'), form.note],
          [t('reviewBalanceAfter'), whole(money(addMoney(balance, form.amount)))],
        ],
      }}
    >
      <Field id="credit-amount" label={t('amountIn', { currency })} error={msg(action.errors.fields.amount)}>
        {(aria) => <input {...aria} inputMode="decimal" value={amount} onInput={(event) => setAmount(event.currentTarget.value)} />}
      </Field>
      <Field id="credit-note" label={t('note')} hint={t('noteHint')} error={msg(action.errors.fields.note)}>
        {(aria) => <textarea {...aria} rows={2} value={note} onInput={(event) => setNote(event.currentTarget.value)} />}
      </Field>
    </ActionCard>
  );
}

function DeductForm({ memberId, company, currency, balance, orderRefs, notices, onDeducted }: RebateActionsProps) {
  const { t, msg, locale } = useOpsText();
  const money = useMoney(currency);
  const [amount, setAmount] = useState('');
  const [orderRef, setOrderRef] = useState('');
  const action = useConfirmed<z.infer<ReturnType<typeof deductSchema>>>(['amount', 'order_ref'], (form, requestId) => deductRebate(memberId, form, requestId), (newBalance, form) => {
    setAmount('');
    setOrderRef('');
    onDeducted(t('rebateDeducted', { ref: form.order_ref, balance: money(newBalance) }));
  }, (newBalance) => newBalance === 0);

  function submit(event: SubmitEvent) {
    event.preventDefault();
    const parsed = deductSchema(locale).safeParse({ amount, order_ref: orderRef });
    if (!parsed.success) return action.setErrors({ fields: zodErrors(parsed.error), form: null });
    if (parsed.data.amount > balance) return action.setErrors({ fields: { amount: t('vOverBalance', { balance: money(balance) }) }, form: null });
    action.ask(parsed.data);
  }

  return (
    <ActionCard
      id="deduct"
      changed={amount !== '' || orderRef !== ''}
      title={t('rebateDeductTitle')}
      intro={t('rebateDeductIntro')}
      action={action}
      notice={notices.deduct}
      submitLabel={t('rebateDeduct')}
      submit={submit}
      empty={balance > 0 ? null : t('rebateNothingToDeduct')}
      confirm={{
        title: t('rebateDeductConfirmTitle'),
        label: (form) => t('rebateDeductConfirm', { amount: money(form?.amount ?? 0) }),
        review: (form) => [
          [t('reviewCompany'), company],
          [t('reviewAmount'), whole(money(form.amount))],
          [t('orderRefLabel'), <span class="nowrap">{form.order_ref}</span>],
          [t('reviewBalanceAfter'), whole(money(addMoney(balance, -form.amount)))],
        ],
      }}
    >
      <Field id="deduct-amount" label={t('amountIn', { currency })} hint={t('rebateBalanceNow', { balance: money(balance) })} error={msg(action.errors.fields.amount)}>
        {(aria) => <input {...aria} inputMode="decimal" value={amount} onInput={(event) => setAmount(event.currentTarget.value)} />}
      </Field>
      <Field id="deduct-order" label={t('orderRefLabel')} hint={t('rebateDeductOrderHint')} error={msg(action.errors.fields.order_ref)}>
        {(aria) => <input {...aria} list="deduct-order-refs" autocomplete="off" value={orderRef} onInput={(event) => setOrderRef(event.currentTarget.value)} />}
      </Field>
      <datalist id="deduct-order-refs">
        {orderRefs.map((ref) => <option key={ref} value={ref} />)}
      </datalist>
    </ActionCard>
  );
}

function CorrectForm({ company, currency, balance, credits, notices, onCorrected }: RebateActionsProps) {
  const { t, msg, locale } = useOpsText();
  const money = useMoney(currency);
  const [creditId, setCreditId] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const open = credits.filter((credit) => credit.left > 0);
  const creditOf = (id: number | string) => credits.find((credit) => credit.id === Number(id));
  const label = (credit: StaffCredit) => staffCreditLabel(credit, currency, t, locale);
  const action = useConfirmed<z.infer<ReturnType<typeof correctionSchema>>>(['credit_id', 'amount', 'note'], correctCredit, (newBalance, form) => {
    setCreditId('');
    setAmount('');
    setNote('');
    onCorrected(t('rebateCorrected', { amount: money(form.amount), balance: money(newBalance) }));
  }, (_, form) => open.length === 1 && form.amount === open[0]!.left);

  function submit(event: SubmitEvent) {
    event.preventDefault();
    const parsed = correctionSchema(locale).safeParse({ credit_id: creditId, amount, note });
    if (!parsed.success) return action.setErrors({ fields: zodErrors(parsed.error), form: null });
    const credit = creditOf(parsed.data.credit_id);
    if (credit && parsed.data.amount > credit.left) return action.setErrors({ fields: { amount: t('vOverCreditLeft', { left: money(credit.left) }) }, form: null });
    // What the company already used on orders stays used: only the balance can be taken.
    if (parsed.data.amount > balance) return action.setErrors({ fields: { amount: t('vOverBalance', { balance: money(balance) }) }, form: null });
    action.ask(parsed.data);
  }

  return (
    <ActionCard
      id="correct"
      changed={creditId !== '' || amount !== '' || note !== ''}
      title={t('rebateCorrectTitle')}
      intro={t('rebateCorrectIntro')}
      action={action}
      notice={notices.correct}
      submitLabel={t('rebateCorrect')}
      submit={submit}
      empty={open.length > 0 ? null : t('noCreditsLeft')}
      confirm={{
        title: t('rebateCorrectConfirmTitle'),
        label: (form) => t('rebateCorrectConfirm', { amount: money(form?.amount ?? 0) }),
        review: (form) => {
          const credit = creditOf(form.credit_id);
          return [
            [t('reviewCompany'), company],
            [t('creditToCorrect'), credit ? label(credit) : '—'],
            [t('reviewTakenBack'), whole(money(form.amount))],
            [t('note'), form.note],
            [t('reviewBalanceAfter'), whole(money(addMoney(balance, -form.amount)))],
          ];
        },
      }}
    >
      <Field id="correct-credit" label={t('creditToCorrect')} error={msg(action.errors.fields.credit_id)}>
        {(aria) => (
          <select {...aria} value={creditId} onChange={(event) => setCreditId(event.currentTarget.value)}>
            <option value="">{t('chooseCredit')}</option>
            {open.map((credit) => <option key={credit.id} value={String(credit.id)}>{label(credit)}</option>)}
          </select>
        )}
      </Field>
      <Field id="correct-amount" label={t('amountIn', { currency })} hint={t('correctAmountHint')} error={msg(action.errors.fields.amount)}>
        {(aria) => <input {...aria} inputMode="decimal" value={amount} onInput={(event) => setAmount(event.currentTarget.value)} />}
      </Field>
      <Field id="correct-note" label={t('note')} hint={t('noteHint')} error={msg(action.errors.fields.note)}>
        {(aria) => <textarea {...aria} rows={2} value={note} onInput={(event) => setNote(event.currentTarget.value)} />}
      </Field>
    </ActionCard>
  );
}
