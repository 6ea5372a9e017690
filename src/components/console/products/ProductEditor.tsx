/**
 * Creates or edits a product: SKU, names and descriptions in every language, kind, price and
 * currency, MOQ, who sees it (everyone, members, or a minimum tier), its image (JPEG, PNG,
 * WebP or AVIF up to 5 MB, checked before upload) and whether it is active (deactivating asks
 * first: members stop seeing it at once). Below the price, what each tier's members get
 * (TierTermsTable), from the fields as typed, with each tier's own price of the product (optional,
 * at most the list price), saved with the product in one transaction. A save refused because
 * someone else changed the product since it was read offers to read it again: the form then shows
 * their changes where staff typed nothing, keeps what was typed everywhere else, and says which
 * fields are which (reread).
 */
import { useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import type { StaffStore } from '../../../stores/staff-store.ts';
import {
  imageUpload, loadProduct, reread, saveProduct, setActive, type EditedField, type ProductFields, type ProductImage, type ProductRow, type TierPrices,
} from '../../../lib/console/products.ts';
import type { TierRow } from '../../../lib/console/tiers.ts';
import { typedNumber } from '../../../lib/console/result.ts';
import { typedText } from '../../../lib/numbers.ts';
import { formatMoney, formatPercent, isolate } from '../../../i18n/format.ts';
import { useConsoleText } from '../console-text.ts';
import { isKnownCurrency, readCurrency } from '../options.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { CurrencyField, currencySchema as currencyRule } from '../ui/CurrencyField.tsx';
import { Field, FormError } from '../ui/Field.tsx';
import { FileInput } from '../ui/FileInput.tsx';
import { apiErrors, apiMessage, checkErrors, noErrors, parseDetails, type ApiError, type FormErrors } from '../ui/form-errors.ts';
import { chosenImage, objectFileName } from '../ui/image-file.ts';
import { uploadRefusal } from '../ui/upload-refusal.ts';
import { LocalizedTextField, singleLine, textMapSchema, toTextMap, type TextMap } from '../ui/LocalizedTextField.tsx';
import { CheckedForm, escapeCancels } from '../ui/CheckedForm.tsx';
import { RereadNote } from '../ui/RereadNote.tsx';
import { useReread } from '../ui/reread.ts';
import { tierPriceId, TierTermsTable } from './TierTermsTable.tsx';
import { percentOff } from './tier-terms.ts';
import { BusyButton } from '../../BusyButton.tsx';

interface ProductEditorProps {
  store: StaffStore;
  tiers: TierRow[];
  product: ProductRow | null;
  imageUrl: (path: string) => string | undefined;
  /** Closes the editor; with a message when something was saved, said at once, the list read again behind it (useEditorCloser). */
  onClose: (message: string | null) => Promise<void>;
}

/** A tier's own price further below the list price than this, in percent, is confirmed before saving: 5 typed for 95 would go to members unseen. */
const steepPercentOff = 50;

const fields = ['sku', 'name', 'description', 'kind', 'price', 'currency', 'moq', 'visibility', 'min_tier_rank', 'image', 'active'];

/** Each field's label on the form, to say which ones someone else changed. */
const fieldLabels = {
  sku: 'colSku', name: 'colName', description: 'descriptionLabel', kind: 'colKind', price: 'colPrice', currency: 'currencyLabel', moq: 'moqLabel',
  visibility: 'colVisibility', min_tier_rank: 'minTierLabel', active: 'colStatus', tier_prices: 'ownPricesLabel', image: 'imageLabel',
} as const satisfies Record<EditedField, string>;

/** A save save_product refused over someone else's change: what staff saved, which the product read again is weighed against (reread). */
type RefusedSave = { values: ProductFields; prices: TierPrices; newImage: boolean };

/** save_product's refusals of a save over a product or prices someone else changed since they were read. */
const changedSince = (error: ApiError) =>
  error.code === 'P0001' && ['product_read', 'tier_prices_read'].includes(parseDetails(error)?.field ?? '');

export function ProductEditor({ store, tiers, product: opened, imageUrl, onClose }: ProductEditorProps) {
  const { t, locale } = useConsoleText('staff');
  /** The product as last read: what a save replaces (save_product refuses it once someone else changed it). */
  const [product, setProduct] = useState(opened);
  /** What the fields were filled with: the product as opened, then as read again with what was typed kept (reread). */
  const [filledWith, setFilledWith] = useState(opened);
  /** Fills the fields again from `filledWith` (their keys): an input's new default does not replace what it holds. */
  const [filled, setFilled] = useState(0);
  /** A save refused over someone else's change, to read the product again over (Reload). */
  const [refusedSave, setRefusedSave] = useState<RefusedSave | null>(null);
  const [name, setName] = useState<TextMap>(filledWith ? toTextMap(filledWith.name, store.default_locale) : {});
  const [description, setDescription] = useState<TextMap>(filledWith ? toTextMap(filledWith.description, store.default_locale) : {});
  const [visibility, setVisibility] = useState(filledWith?.visibility ?? 'public');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [confirmDeactivate, setConfirmDeactivate] = useState(false);
  const [deactivateError, setDeactivateError] = useState<string | null>(null);
  const upperTiers = tiers.filter((tier) => tier.rank > 0);
  /** A save held for staff to confirm the steep own prices it names. */
  const [steep, setSteep] = useState<{ save: () => Promise<void>; listPrice: string; prices: { tier: TierRow; price: string; percent: string }[] } | null>(null);
  /**
   * After "Change prices", the first steep price's tier, whose field the keyboard goes back to (it
   * went to Save); null after a confirmed save, whose refusal the form's check takes the focus to.
   */
  const changePrice = useRef<string | null>(null);

  // Typed in the console language: "1.234,50" in Spanish (numbers.ts).
  const priceSchema = typedNumber(locale, t('errorRequired')).pipe(z.string().regex(/^\d+(\.\d{1,2})?$/, t('errorAmount')).transform(Number).refine((n) => n < 1e12, t('errorAmount')));
  const moqSchema = typedNumber(locale, t('errorRequired')).pipe(z.string().regex(/^\d+$/, t('errorWholeNumber', { min: 1, max: 1_000_000 })).transform(Number).refine((n) => n >= 1 && n <= 1_000_000, t('errorWholeNumber', { min: 1, max: 1_000_000 })));
  const keptCurrencies = [store.base_currency, filledWith?.currency, product?.currency];
  const currencySchema = currencyRule(t, keptCurrencies);
  /**
   * A price, currency or MOQ the tiers' table waits for (its dash) says why at its field once the
   * field is left, not only at Save. Apart from `errors`: a new errors object would show again the
   * errors of other fields edited away since the last check (useShownError). A field edited since
   * that check shows only this: null while it is being typed into or once left valid.
   */
  const [left, setLeft] = useState<Partial<Record<string, string | null>>>({});
  const leftRules: Partial<Record<string, z.ZodType>> = { price: priceSchema, moq: moqSchema, currency: currencySchema };
  function checkLeft(target: EventTarget | null, leaving: boolean) {
    if (!(target instanceof HTMLInputElement)) return;
    const rule = leftRules[target.name];
    if (!rule) return;
    const answer = leaving ? rule.safeParse(target.value) : null;
    const error = answer && !answer.success ? (answer.error.issues[0]?.message ?? null) : null;
    setLeft((previous) => (target.name in previous && previous[target.name] === error ? previous : { ...previous, [target.name]: error }));
  }
  const fieldError = (name: string) => (name in left ? left[name] : errors.fields[name]);
  /** The fields the tiers' terms are worked out from, as typed: read again on every edit of them. */
  const typed = (form: HTMLFormElement | null, row = filledWith) => {
    const values = form ? new FormData(form) : null;
    const text = (name: string, saved: string) => String(values?.get(name) ?? saved);
    const currency = readCurrency(text('currency', row?.currency ?? store.base_currency), keptCurrencies);
    const shown = text('visibility', row?.visibility ?? 'public');
    const price = priceSchema.safeParse(text('price', row ? typedText(row.price, locale, true) : ''));
    const moq = moqSchema.safeParse(text('moq', String(row?.moq ?? 1)));
    return {
      kind: text('kind', row?.kind ?? 'regular') === 'customized' ? ('customized' as const) : ('regular' as const),
      price: price.success ? price.data : null,
      moq: moq.success ? moq.data : null,
      min_tier_rank: shown === 'tier' ? Number(text('min_tier_rank', String(row?.min_tier_rank || upperTiers[0]?.rank || 0))) : 0,
      active: product?.active ?? true,
      currency: isKnownCurrency(currency, keptCurrencies) ? currency : null,
    };
  };
  const [draft, setDraft] = useState(() => typed(null));
  const [ownPrices, setOwnPrices] = useState<Record<string, string>>(() =>
    Object.fromEntries((filledWith?.tier_prices ?? []).map((own) => [own.tier_id, typedText(own.price, locale, true)])));
  // Reload, over a save refused by someone else's change: the fields filled anew with their changes
  // where nothing was typed and what was typed in the save refused elsewhere (reread), the next save
  // made over the product as read now, and the keyboard taken to what changed.
  const saves = useReread({
    read: product,
    load: (row) => loadProduct(store.id, row.id),
    merge: (row, now, mine: RefusedSave) => {
      const { shown, taken, kept } = reread(row, now, mine.values, mine.prices, mine.newImage);
      setProduct(now);
      setFilledWith(shown);
      setFilled((count) => count + 1);
      setName(toTextMap(shown.name, store.default_locale));
      setDescription(toTextMap(shown.description, store.default_locale));
      setVisibility(shown.visibility);
      setOwnPrices(Object.fromEntries(shown.tier_prices.map((own) => [own.tier_id, typedText(own.price, locale, true)])));
      setDraft(typed(null, shown));
      setLeft({});
      setErrors(noErrors);
      setRefusedSave(null);
      return { taken, kept };
    },
    say: (message) => setErrors({ fields: {}, form: message }),
    setBusy,
  });
  /**
   * Each tier's own price typed, as save_product takes them, and why one is not, by the field
   * save_product names (`tier_prices.<tier id>`): an amount above 0, at most the list price.
   */
  function checkOwnPrices(listPrice: number | null, currency: string | null) {
    const prices: TierPrices = {};
    const problems: Record<string, string> = {};
    for (const tier of tiers) {
      const text = ownPrices[tier.id]?.trim();
      if (!text) continue;
      const field = `tier_prices.${tier.id}`;
      const answer = priceSchema.safeParse(text);
      if (!answer.success) problems[field] = answer.error.issues[0]?.message ?? t('errorAmount');
      else if (answer.data <= 0) problems[field] = t('errorTierPriceZero');
      else if (listPrice !== null && answer.data > listPrice) {
        problems[field] = t('refusedTierPriceAbove', { price: currency ? formatMoney(listPrice, currency, locale) : typedText(listPrice, locale, true) });
      } else prices[tier.id] = answer.data;
    }
    return { prices, problems };
  }
  const own = checkOwnPrices(draft.price, draft.currency);

  const schema = z
    .object({
      sku: z.string().trim().min(1, t('errorRequired')).max(64, t('errorTooLong', { max: 64 })).refine(singleLine, t('errorSingleLine')),
      name: textMapSchema(t, store.default_locale, locale, { max: 200, required: true, line: true }),
      description: textMapSchema(t, store.default_locale, locale, { max: 5000, required: false, line: false }),
      kind: z.enum(['regular', 'customized']),
      price: priceSchema,
      currency: currencySchema,
      moq: moqSchema,
      visibility: z.enum(['public', 'members', 'tier']),
      min_tier_rank: z.coerce.number().int(),
      active: z.boolean(),
    })
    .transform((values) => ({ ...values, min_tier_rank: values.visibility === 'tier' ? values.min_tier_rank : 0 }))
    .refine((values) => values.visibility !== 'tier' || values.min_tier_rank > 0, { path: ['min_tier_rank'], message: t('errorChooseTier') });

  /**
   * An image refused is said as it is chosen, as a post's files are, not only at Save: through
   * `left`, which a new errors object would not disturb. Cleared first, so that the same refusal
   * for a file chosen again is shown again (useShownError hid it as the input changed). A check
   * read after another file was chosen, or Save pressed, is not said (`latest`).
   */
  const latest = useRef(0);
  async function chooseImage(file: File | undefined) {
    const mine = ++latest.current;
    setLeft((previous) => ({ ...previous, image: null }));
    const check = file ? await chosenImage(file, imageUpload, t, locale) : null;
    if (mine !== latest.current) return;
    setLeft((previous) => ({ ...previous, image: check && !check.ok ? check.message : null }));
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    latest.current++;
    setLeft({});
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const parsed = schema.safeParse({
      ...Object.fromEntries(form),
      name,
      description,
      min_tier_rank: form.get('min_tier_rank') ?? '0',
      active: product?.active ?? true,
    });
    const file = form.get('image');
    const image = file instanceof File && file.size > 0 ? file : null;
    const imageCheck = image ? await chosenImage(image, imageUpload, t, locale) : null;
    const checked: FormErrors = parsed.success ? { fields: {}, form: null } : checkErrors(parsed.error);
    if (imageCheck && !imageCheck.ok) checked.fields.image = imageCheck.message;
    const ownChecked = checkOwnPrices(parsed.success ? parsed.data.price : draft.price, parsed.success ? parsed.data.currency : draft.currency);
    Object.assign(checked.fields, ownChecked.problems);
    if (!parsed.success || (imageCheck && !imageCheck.ok) || Object.keys(ownChecked.problems).length > 0) return setErrors(checked);
    setErrors(noErrors);
    const newImage = imageCheck?.ok ? { file: imageCheck.file, fileName: objectFileName('image', imageCheck.extension) } : null;
    const values = parsed.data;
    const save = () => saveChecked(values, ownChecked.prices, newImage);
    // Only prices changed here: one saved before was confirmed then.
    const saved = new Map((product?.tier_prices ?? []).map((own) => [own.tier_id, own.price]));
    const money = (amount: number) => formatMoney(amount, values.currency, locale);
    const steepPrices = tiers
      .filter((tier) => tier.id in ownChecked.prices && saved.get(tier.id) !== ownChecked.prices[tier.id] && percentOff(values.price, ownChecked.prices[tier.id]!) > steepPercentOff)
      .map((tier) => ({ tier, price: money(ownChecked.prices[tier.id]!), percent: formatPercent(percentOff(values.price, ownChecked.prices[tier.id]!), locale) }));
    if (steepPrices.length > 0) return setSteep({ save, listPrice: money(values.price), prices: steepPrices });
    await save();
  }

  async function saveChecked(values: ProductFields, prices: TierPrices, newImage: ProductImage | null) {
    setBusy(true);
    setRefusedSave(null);
    saves.saving();
    const saved = await saveProduct(store.id, product, values, prices, newImage);
    if (saved.error || saved.refused) setSteep(null);
    if (saved.refused && newImage) {
      setBusy(false);
      return setErrors({ fields: { image: uploadRefusal({ name: newImage.file.name, size: newImage.file.size, problem: saved.refused }, imageUpload, t, locale) }, form: null });
    }
    if (saved.error) {
      setBusy(false);
      // Only the SKU's own key: another (a product id taken) is said as the server's refusal.
      if (saved.error.code === '23505' && saved.error.message.includes('"products_store_id_sku_key"')) return setErrors({ fields: { sku: t('errorSkuTaken') }, form: null });
      if (changedSince(saved.error)) setRefusedSave({ values, prices, newImage: newImage !== null });
      return setErrors(apiErrors(saved.error, [...fields, ...tiers.map((tier) => `tier_prices.${tier.id}`)]));
    }
    await onClose(t('productSaved', { name: isolate(values.name[locale] ?? values.name[store.default_locale] ?? ''), sku: values.sku }));
  }

  async function changeActive(active: boolean) {
    if (!product) return;
    setBusy(true);
    const changed = await setActive(product.id, active);
    if (!changed.ok) {
      setBusy(false);
      return setDeactivateError(apiMessage(changed.error));
    }
    // The dialog stays, busy, until the editor closes with it: closed first, it gave the focus
    // back to a disabled Deactivate until the editor closed.
    await onClose(active ? t('productReactivated', { sku: product.sku }) : t('productDeactivated', { sku: product.sku }));
  }

  const currentImage = product?.image_path ? imageUrl(product.image_path) : undefined;
  return (
    <section aria-labelledby="product-editor-title" class="panel" data-editor={product?.id ?? 'new'} onKeyDown={escapeCancels(() => void onClose(null), busy)}>
      <h2 id="product-editor-title" tabIndex={-1}>
        {product ? t('editProductTitle', { sku: product.sku }) : t('addProductTitle')}
      </h2>
      {product && !product.active && <p class="notice">{t('productInactiveNote')}</p>}
      <RereadNote reloaded={t('productReread')} changes={saves.changes} label={(field) => t(fieldLabels[field])} />
      <CheckedForm check={errors} class="stack" onSubmit={submit}>
        {/* Keyed: filled anew from the product read again (readAgain), as an input's new default is not. Each its own key among siblings. */}
        <Field key={`sku-${filled}`} id="product-sku" label={t('colSku')} error={errors.fields.sku}>
          {(aria) => <input {...aria} name="sku" defaultValue={filledWith?.sku ?? ''} maxLength={64} required />}
        </Field>
        <LocalizedTextField id="product-name" label={t('colName')} value={name} onChange={setName} defaultLocale={store.default_locale} required maxLength={200} error={errors.fields.name} errorLocale={errors.locales?.name} />
        <LocalizedTextField id="product-description" label={t('descriptionLabel')} value={description} onChange={setDescription} defaultLocale={store.default_locale} multiline maxLength={5000} error={errors.fields.description} errorLocale={errors.locales?.description} />
        <div key={`grid-${filled}`} class="grid-2" onInput={(event) => { setDraft(typed(event.currentTarget.closest('form'))); checkLeft(event.target, false); }} onChange={(event) => { setDraft(typed(event.currentTarget.closest('form'))); checkLeft(event.target, true); }}>
          <Field id="product-kind" label={t('colKind')} hint={t('kindHint')} error={errors.fields.kind}>
            {(aria) => (
              // Preact has no defaultValue for a select: a customized product opened as regular, and saved so.
              <select {...aria} name="kind">
                <option value="regular">{t('kindRegular')}</option>
                <option value="customized" selected={filledWith?.kind === 'customized'}>{t('kindCustomized')}</option>
              </select>
            )}
          </Field>
          <Field id="product-price" label={t('colPrice')} error={fieldError('price')}>
            {(aria) => <input {...aria} name="price" inputMode="decimal" defaultValue={filledWith ? typedText(filledWith.price, locale, true) : ''} required />}
          </Field>
          <CurrencyField id="product-currency" name="currency" label={t('currencyLabel')} code={filledWith?.currency ?? store.base_currency} kept={keptCurrencies} error={fieldError('currency')} />
          <Field id="product-moq" label={t('moqLabel')} hint={t('moqHint')} error={fieldError('moq')}>
            {(aria) => <input {...aria} name="moq" inputMode="numeric" defaultValue={String(filledWith?.moq ?? 1)} required />}
          </Field>
          <Field id="product-visibility" label={t('colVisibility')} hint={t('visibilityHint')} error={errors.fields.visibility}>
            {(aria) => (
              <select {...aria} name="visibility" value={visibility} onChange={(event) => setVisibility(event.currentTarget.value as typeof visibility)}>
                <option value="public">{t('visibilityPublic')}</option>
                <option value="members">{t('visibilityMembers')}</option>
                <option value="tier" disabled={upperTiers.length === 0}>
                  {t('visibilityFromTier')}
                </option>
              </select>
            )}
          </Field>
          {visibility === 'tier' && (
            <Field id="product-min-tier" label={t('minTierLabel')} hint={t('minTierHint')} error={errors.fields.min_tier_rank}>
              {(aria) => (
                <select {...aria} name="min_tier_rank">
                  {upperTiers.map((tier) => (
                    <option key={tier.id} value={String(tier.rank)} selected={tier.rank === filledWith?.min_tier_rank}>
                      {tier.name_local}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </div>
        <TierTermsTable
          draft={{ ...draft, tierPrices: own.prices }}
          tiers={tiers}
          samplePeriodDays={store.sample_period_days}
          own={{ typed: ownPrices, errors: errors.fields, onInput: (tierId, text) => setOwnPrices((previous) => ({ ...previous, [tierId]: text })) }}
        />
        <Field id="product-image" label={t('imageLabel')} hint={t('imageHint')} error={fieldError('image')} announce>
          {(aria) => (
            <>
              {currentImage && <img class="logo-preview" src={currentImage} alt={t('currentImageAlt', { sku: product?.sku ?? '' })} />}
              <FileInput aria={aria} name="image" accept={imageUpload.types.join(',')} onChange={(event) => void chooseImage(event.currentTarget.files?.[0])} />
            </>
          )}
        </Field>
        <FormError message={errors.form} />
        {refusedSave && (
          <div class="actions">
            <BusyButton type="button" busy={busy} onClick={() => void saves.readAgain(refusedSave)}>
              {t('reloadProduct')}
            </BusyButton>
          </div>
        )}
        <div class="actions">
          <BusyButton type="submit" class="primary" busy={busy}>
            {busy ? t('saving') : t('saveProduct')}
          </BusyButton>
          <button type="button" disabled={busy} onClick={() => void onClose(null)}>
            {t('cancel')}
          </button>
          {product?.active && (
            <BusyButton type="button" class="danger-outline" disabled={busy} onClick={() => { setDeactivateError(null); setConfirmDeactivate(true); }}>
              {t('deactivate')}
            </BusyButton>
          )}
          {product && !product.active && (
            <BusyButton type="button" disabled={busy} onClick={() => void changeActive(true)}>
              {t('reactivate')}
            </BusyButton>
          )}
        </div>
      </CheckedForm>
      <ConfirmDialog
        open={steep !== null}
        title={t('steepPriceTitle')}
        confirmLabel={t('saveProduct')}
        cancelLabel={t('steepPriceBack')}
        tone="primary"
        busy={busy}
        onConfirm={() => void steep?.save()}
        onCancel={() => {
          changePrice.current = steep?.prices[0]?.tier.id ?? null;
          setSteep(null);
        }}
        returnFocus={() => {
          const tierId = changePrice.current;
          changePrice.current = null;
          return tierId === null ? null : document.getElementById(tierPriceId(tierId));
        }}
      >
        <p>{t('steepPriceBody', { price: steep?.listPrice ?? '' })}</p>
        <ul>
          {steep?.prices.map(({ tier, price, percent }) => (
            <li key={tier.id}>
              {t('steepPriceLine', { tier: isolate(tier.name_local ?? ''), price, percent })}
            </li>
          ))}
        </ul>
      </ConfirmDialog>
      {product && (
        <ConfirmDialog
          open={confirmDeactivate}
          title={t('deactivateTitle', { sku: product.sku })}
          confirmLabel={t('deactivate')}
          cancelLabel={t('cancel')}
          busy={busy}
          error={deactivateError}
          onConfirm={() => void changeActive(false)}
          onCancel={() => setConfirmDeactivate(false)}
        >
          <p>{t('deactivateBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
