/**
 * Getting started: a signed-in user creates a store (`create_store`, which also creates the
 * default Ordinary, Senior and VIP tiers and makes the caller its owner), then lands on the
 * console for it.
 */
import { useState } from 'preact/hooks';
import { z } from 'zod';
import { parse } from '../../../lib/console/result.ts';
import { supabase } from '../../../lib/supabase.ts';
import { useConsoleText } from '../console-text.ts';
import { CurrencyField, currencySchema } from '../ui/CurrencyField.tsx';
import { LocaleSelect } from '../ui/LocaleSelect.tsx';
import { consoleHref } from '../links.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { apiErrors, noErrors, zodErrors, type FormErrors } from '../ui/form-errors.ts';
import { CheckedForm } from '../ui/CheckedForm.tsx';
import { BusyButton } from '../../BusyButton.tsx';

const fields = ['name', 'slug', 'base_currency', 'default_locale'] as const;

/** Latin letters NFKD leaves whole, spelled as a web address would ("Weiß" → "weiss"). */
const unfolded: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * `Lumina Hair Co.` → `lumina-hair-co`, `Crème Coiffure` → `creme-coiffure`; what the address field
 * proposes until it is edited. '' for a name without a Latin letter or digit (光耀照明): the field
 * then asks for one.
 */
export function slugFrom(name: string): string {
  return name
    .normalize('NFKD')
    // The accents NFKD set apart: left in, "Crème" became "cre-me".
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => unfolded[letter]!)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/** A store's web address as create_store and the stores table take it (their check is the same). */
export const storeSlugRule = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * The portal's page of the store `slug` will name, as members and visitors will open it; null for
 * a slug no store can have ("Lumina Hair" made `?s=Lumina%20Hair`, an address the form then refused).
 */
export function storePageAddress(origin: string, slug: string): string | null {
  return storeSlugRule.test(slug) ? `${origin}/store/?s=${slug}` : null;
}

export function CreateStoreForm({ first }: { first: boolean }) {
  const { t, locale } = useConsoleText('staff');
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  // Only an address the store can have: until then the field's hint says what it takes.
  const address = storePageAddress(window.location.origin, slug);

  const schema = z.object({
    name: z.string().trim().min(1, t('errorRequired')).max(120, t('errorTooLong', { max: 120 })),
    slug: z.string().regex(storeSlugRule, t('errorSlug')),
    base_currency: currencySchema(t),
    default_locale: z.enum(['en', 'zh-CN', 'es']),
  });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget as HTMLFormElement));
    const parsed = schema.safeParse(form);
    if (!parsed.success) return setErrors({ fields: zodErrors(parsed.error), form: null });
    setErrors(noErrors);
    setBusy(true);
    const created = parse(z.object({ slug: z.string() }), await supabase().rpc('create_store', {
      p_name: parsed.data.name,
      p_slug: parsed.data.slug,
      p_base_currency: parsed.data.base_currency,
      p_default_locale: parsed.data.default_locale,
    }));
    if (!created.ok) {
      setBusy(false);
      return setErrors(apiErrors(created.error, fields));
    }
    window.location.assign(consoleHref('/console/', created.data.slug));
  }

  return (
    <section aria-labelledby="create-store-title" class="console-narrow">
      <h1 id="create-store-title">{first ? t('createFirstStoreTitle') : t('createStoreTitle')}</h1>
      <p>{first ? t('createFirstStoreIntro') : t('createStoreIntro')}</p>
      <CheckedForm check={errors} class="stack" onSubmit={submit}>
        <Field id="new-store-name" label={t('storeNameLabel')} error={errors.fields.name}>
          {(aria) => (
            <input
              {...aria}
              name="name"
              value={name}
              maxLength={120}
              required
              onInput={(event) => {
                const value = event.currentTarget.value;
                setName(value);
                if (!slugEdited) setSlug(slugFrom(value));
              }}
            />
          )}
        </Field>
        <Field id="new-store-slug" label={t('slugLabel')} hint={t(name.trim() && !slugEdited && !slug ? 'slugHintNoLatin' : 'slugHint')} error={errors.fields.slug}>
          {(aria) => (
            <>
              <input
                {...aria}
                aria-describedby={address ? `${aria['aria-describedby'] ?? ''} new-store-address`.trim() : aria['aria-describedby']}
                name="slug"
                value={slug}
                maxLength={63}
                required
                autocapitalize="none"
                spellcheck={false}
                onInput={(event) => {
                  setSlug(event.currentTarget.value);
                  setSlugEdited(true);
                }}
              />
              {/* Live, as typed or proposed: the address the merchant will send to buyers. */}
              {address && (
                <p id="new-store-address" class="field-hint">
                  {t('slugAddress', { address })}
                </p>
              )}
            </>
          )}
        </Field>
        <CurrencyField id="new-store-currency" name="base_currency" label={t('baseCurrencyLabel')} hint={t('baseCurrencyHint')} code="USD" error={errors.fields.base_currency} />
        <Field id="new-store-locale" label={t('defaultLocaleLabel')} hint={t('createLocaleHint')} error={errors.fields.default_locale}>
          {(aria) => <LocaleSelect aria={aria} chosen={locale} />}
        </Field>
        <FormError message={errors.form} />
        <BusyButton type="submit" class="primary" busy={busy}>
          {busy ? t('creating') : t('createStore')}
        </BusyButton>
      </CheckedForm>
    </section>
  );
}
