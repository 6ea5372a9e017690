/**
 * The merchant's business card: the trading title, contact person and channels, address and
 * introduction (titles, address and introduction in every language). Buyers receive it for
 * their own card; the store page shows it. Owners save it (the brand is theirs: the API lets only
 * them write `merchant_cards`); plain staff read it, as text. A save is made over the card as read
 * (saveCard): refused because another owner changed it since, or made the store's first card while
 * this form read none, the form offers to read it again and fills its fields with their changes
 * where nothing was typed (rereadCard); RereadNote says which fields are which. A change of the
 * logo (Settings) refuses nothing here: it has a time of its own.
 */
import { useState } from 'preact/hooks';
import { z } from 'zod';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { loadCard, saveCard, type MerchantCardRead } from '../../../lib/console/merchant-card.ts';
import { useConsoleText } from '../console-text.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { apiErrors, checkErrors, noErrors, type FormErrors } from '../ui/form-errors.ts';
import { refusedByPolicy } from '../ui/refusals.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { LocalizedTextField, singleLine, textMapSchema } from '../ui/LocalizedTextField.tsx';
import { RereadNote } from '../ui/RereadNote.tsx';
import { useReread } from '../ui/reread.ts';
import { asResult, useLoad } from '../ui/use-load.ts';
import { CheckedForm } from '../ui/CheckedForm.tsx';
import { BusyButton } from '../../BusyButton.tsx';
import { cardFormOf, plainFields, rereadCard, textFields, type CardFields } from './card-form.ts';
import { isEmail, isInternationalPhone, isPhone, isWechatId } from '../../../lib/contact-formats.ts';
import { isWebUrl, withScheme } from '../../../lib/web-address.ts';

export function MerchantCardForm({ store, onSaved }: { store: StaffStore; onSaved: () => void }) {
  const state = useLoad(() => loadCard(store.id), [store.id]);
  return <LoadState state={state}>{(card) => <CardForm store={store} card={card} onSaved={() => { state.reload(); onSaved(); }} />}</LoadState>;
}

function CardForm({ store, card, onSaved }: { store: StaffStore; card: MerchantCardRead | null; onSaved: () => void }) {
  const { t, locale } = useConsoleText('staff');
  /** The card as last read or saved (none: the store has none yet): what a save is made over. */
  const [read, setRead] = useState(card);
  const [form, setForm] = useState<CardFields>(() => cardFormOf(card, store));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  // Reload, over a save refused because someone else changed the card or made the store's first one
  // since: their changes shown where nothing was typed (rereadCard).
  const saves = useReread({
    one: true,
    read,
    load: () => asResult(loadCard(store.id)),
    merge: (before, now) => {
      const { form: shown, taken, kept } = rereadCard(before, now, form, store);
      setRead(now);
      setForm(shown);
      setErrors(noErrors);
      return { taken, kept };
    },
    say: (message) => setErrors({ fields: {}, form: message }),
    setBusy,
  });
  const owner = store.role === 'owner';
  const set = <K extends keyof CardFields>(key: K, value: CardFields[K]) => setForm({ ...form, [key]: value });
  const optional = (schema: z.ZodType<string, string>) => z.string().trim().transform((value) => value || null).pipe(schema.nullable());
  const localized = (max: number, required: boolean, line: boolean) => textMapSchema(t, store.default_locale, locale, { max, required, line });
  const schema = z.object({
    title: localized(120, true, true),
    contact_title: localized(120, false, true),
    address: localized(500, false, false),
    introduction: localized(2000, false, false),
    contact_name: optional(z.string().max(120, t('errorTooLong', { max: 120 })).refine(singleLine, t('errorSingleLine'))),
    // The database's own rules (contact-formats), as the buyers' cards check theirs.
    email: optional(z.string().max(254, t('errorTooLong', { max: 254 })).refine(isEmail, t('errorEmail'))),
    phone: optional(z.string().refine(isPhone, t('errorPhone'))),
    // WhatsApp reaches only an international number (the card's wa.me link); one saved before the rule is kept as it is.
    whatsapp: optional(z.string().refine((value) => value === read?.whatsapp || isInternationalPhone(value), t('errorWhatsapp'))),
    wechat: optional(z.string().refine(isWechatId, t('errorWechat'))),
    website: optional(z.string().transform(withScheme).refine(isWebUrl, t('errorWebsite'))),
  });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSaved(false);
    const parsed = schema.safeParse(form);
    if (!parsed.success) return setErrors(checkErrors(parsed.error));
    setErrors(noErrors);
    setBusy(true);
    saves.saving();
    const stored = await saveCard(store.id, read, parsed.data);
    setBusy(false);
    if (!stored.ok) {
      if (saves.refused(stored.error, t('cardChangedSince'))) return;
      return setErrors(refusedByPolicy(stored.error) ? { fields: {}, form: t('cardNotSaved') } : apiErrors(stored.error, [...plainFields, ...textFields]));
    }
    setRead(stored.data);
    // As saved: a website typed without https:// shows it.
    setForm(cardFormOf(stored.data, store));
    setSaved(true);
    onSaved();
  }

  /** Each field's label on the form, to say which ones someone else changed. */
  const label = (field: keyof CardFields) => t(`card_${field}`);

  const plain = (name: (typeof plainFields)[number], type: string, autocomplete: string, hint?: string) => (
    <Field key={name} id={`card-${name}`} label={t(`card_${name}`)} hint={hint} error={errors.fields[name]} readOnly={!owner} shown={read?.[name]}>
      {(aria) => <input {...aria} name={name} type={type} autocomplete={autocomplete} value={form[name]} onInput={(event) => set(name, event.currentTarget.value)} />}
    </Field>
  );

  return (
    <CheckedForm check={errors} class="stack" onSubmit={submit}>
      {!owner && <p class="notice">{t('cardOwnerOnly')}</p>}
      <RereadNote reloaded={t('cardReread')} changes={saves.changes} label={label} />
      <fieldset class="stack plain">
        <LocalizedTextField id="card-title" label={t('card_title')} value={form.title} onChange={(value) => set('title', value)} defaultLocale={store.default_locale} required maxLength={120} error={errors.fields.title} errorLocale={errors.locales?.title} readOnly={!owner} />
        <div class="grid-2">
          {plain('contact_name', 'text', 'name')}
          {plain('email', 'email', 'email')}
          {plain('phone', 'tel', 'tel')}
          {plain('whatsapp', 'tel', 'tel', t('cardWhatsappHint'))}
          {plain('wechat', 'text', 'off')}
          {plain('website', 'url', 'url', t('cardWebsiteHint'))}
        </div>
        <LocalizedTextField id="card-contact-title" label={t('card_contact_title')} value={form.contact_title} onChange={(value) => set('contact_title', value)} defaultLocale={store.default_locale} maxLength={120} error={errors.fields.contact_title} errorLocale={errors.locales?.contact_title} readOnly={!owner} />
        <LocalizedTextField id="card-address" label={t('card_address')} value={form.address} onChange={(value) => set('address', value)} defaultLocale={store.default_locale} multiline maxLength={500} error={errors.fields.address} errorLocale={errors.locales?.address} readOnly={!owner} />
        <LocalizedTextField id="card-introduction" label={t('card_introduction')} value={form.introduction} onChange={(value) => set('introduction', value)} defaultLocale={store.default_locale} multiline maxLength={2000} error={errors.fields.introduction} errorLocale={errors.locales?.introduction} readOnly={!owner} />
      </fieldset>
      <FormError message={errors.form} />
      {owner && (
        <div class="actions">
          {saves.stale && <BusyButton type="button" busy={busy} onClick={() => void saves.readAgain()}>{t('reloadCard')}</BusyButton>}
          <BusyButton type="submit" class="primary" busy={busy}>
            {busy ? t('saving') : t('saveCard')}
          </BusyButton>
          {saved && (
            <p role="status" class="success">
              {t('cardSaved')}
            </p>
          )}
        </div>
      )}
    </CheckedForm>
  );
}
