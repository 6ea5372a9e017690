/**
 * The merchant's business card: the trading title, contact person and channels, address and
 * introduction (titles, address and introduction in every language). Buyers receive it for
 * their own card; the store page shows it. Owners save it (the brand is theirs: the API lets only
 * them write `merchant_cards`); plain staff read it, as text.
 */
import { useState } from 'preact/hooks';
import { z } from 'zod';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { loadCard, saveCard, type MerchantCard } from '../../../lib/console/merchant-card.ts';
import { useConsoleText } from '../console-text.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { apiErrors, checkErrors, noErrors, type FormErrors } from '../ui/form-errors.ts';
import { refusedByPolicy } from '../ui/refusals.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { LocalizedTextField, singleLine, textMapSchema, toTextMap, type TextMap } from '../ui/LocalizedTextField.tsx';
import { useLoad } from '../ui/use-load.ts';
import { CheckedForm } from '../ui/CheckedForm.tsx';
import { BusyButton } from '../../BusyButton.tsx';

const plainFields = ['contact_name', 'email', 'phone', 'whatsapp', 'wechat', 'website'] as const;
const textFields = ['title', 'contact_title', 'address', 'introduction'] as const;

export function MerchantCardForm({ store, onSaved }: { store: StaffStore; onSaved: () => void }) {
  const state = useLoad(() => loadCard(store.id), [store.id]);
  return <LoadState state={state}>{(card) => <CardForm store={store} card={card} onSaved={() => { state.reload(); onSaved(); }} />}</LoadState>;
}

function CardForm({ store, card, onSaved }: { store: StaffStore; card: MerchantCard | null; onSaved: () => void }) {
  const { t, locale } = useConsoleText('staff');
  const [texts, setTexts] = useState<Record<(typeof textFields)[number], TextMap>>(() => ({
    title: toTextMap(card ? card.title : store.names, store.default_locale),
    contact_title: toTextMap(card?.contact_title ?? {}, store.default_locale),
    address: toTextMap(card?.address ?? {}, store.default_locale),
    introduction: toTextMap(card?.introduction ?? {}, store.default_locale),
  }));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const owner = store.role === 'owner';
  const optional = (schema: z.ZodType<string, string>) => z.string().trim().transform((value) => value || null).pipe(schema.nullable());
  const localized = (max: number, required: boolean, line: boolean) => textMapSchema(t, store.default_locale, locale, { max, required, line });
  const schema = z.object({
    title: localized(120, true, true),
    contact_title: localized(120, false, true),
    address: localized(500, false, false),
    introduction: localized(2000, false, false),
    contact_name: optional(z.string().max(120, t('errorTooLong', { max: 120 })).refine(singleLine, t('errorSingleLine'))),
    email: optional(z.string().email(t('errorEmail')).max(254, t('errorTooLong', { max: 254 }))),
    phone: optional(z.string().regex(/^\+?[\d\s().\-/]{4,}( ?(ext\.?|x) ?\d{1,6})?$/i, t('errorPhone')).max(40, t('errorPhone'))),
    whatsapp: optional(z.string().regex(/^\+?[\d\s().\-/]{4,}$/, t('errorPhone')).max(40, t('errorPhone'))),
    wechat: optional(z.string().regex(/^[A-Za-z0-9_\-.+]{1,60}$/, t('errorWechat'))),
    website: optional(z.string().regex(/^https?:\/\/[^\s<>"\\]+\.[^\s<>"\\]+$/i, t('errorWebsite')).max(300, t('errorWebsite'))),
  });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSaved(false);
    const parsed = schema.safeParse({ ...Object.fromEntries(new FormData(event.currentTarget as HTMLFormElement)), ...texts });
    if (!parsed.success) return setErrors(checkErrors(parsed.error));
    setErrors(noErrors);
    setBusy(true);
    const { error } = await saveCard(store.id, parsed.data);
    setBusy(false);
    if (error) return setErrors(refusedByPolicy(error) ? { fields: {}, form: t('cardNotSaved') } : apiErrors(error, [...plainFields, ...textFields]));
    setSaved(true);
    onSaved();
  }

  const plain = (name: (typeof plainFields)[number], type: string, autocomplete: string) => (
    <Field key={name} id={`card-${name}`} label={t(`card_${name}`)} error={errors.fields[name]} readOnly={!owner} shown={card?.[name]}>
      {(aria) => <input {...aria} name={name} type={type} autocomplete={autocomplete} defaultValue={card?.[name] ?? ''} />}
    </Field>
  );

  return (
    <CheckedForm check={errors} class="stack" onSubmit={submit}>
      {!owner && <p class="notice">{t('cardOwnerOnly')}</p>}
      <fieldset class="stack plain">
        <LocalizedTextField id="card-title" label={t('card_title')} value={texts.title} onChange={(value) => setTexts({ ...texts, title: value })} defaultLocale={store.default_locale} required maxLength={120} error={errors.fields.title} errorLocale={errors.locales?.title} readOnly={!owner} />
        <div class="grid-2">
          {plain('contact_name', 'text', 'name')}
          {plain('email', 'email', 'email')}
          {plain('phone', 'tel', 'tel')}
          {plain('whatsapp', 'tel', 'tel')}
          {plain('wechat', 'text', 'off')}
          {plain('website', 'url', 'url')}
        </div>
        <LocalizedTextField id="card-contact-title" label={t('card_contact_title')} value={texts.contact_title} onChange={(value) => setTexts({ ...texts, contact_title: value })} defaultLocale={store.default_locale} maxLength={120} error={errors.fields.contact_title} errorLocale={errors.locales?.contact_title} readOnly={!owner} />
        <LocalizedTextField id="card-address" label={t('card_address')} value={texts.address} onChange={(value) => setTexts({ ...texts, address: value })} defaultLocale={store.default_locale} multiline maxLength={500} error={errors.fields.address} errorLocale={errors.locales?.address} readOnly={!owner} />
        <LocalizedTextField id="card-introduction" label={t('card_introduction')} value={texts.introduction} onChange={(value) => setTexts({ ...texts, introduction: value })} defaultLocale={store.default_locale} multiline maxLength={2000} error={errors.fields.introduction} errorLocale={errors.locales?.introduction} readOnly={!owner} />
      </fieldset>
      <FormError message={errors.form} />
      {owner && (
        <div class="actions">
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
