/**
 * The store's settings: name, default language, brand colour, periods, points and the origins
 * allowed to embed the store. Owners save (the API lets only owners update `stores`); staff read
 * the same values as text. A new tier qualifying period moves members between tiers as new
 * thresholds do, so it is saved only after the what-if has shown who would move.
 *
 * A save answers with the settings as stored, which the form then holds: reading them again was a
 * second request to fail. It is made over the settings as read (saveSettings): refused because
 * another owner saved them since, the form offers to read them again and fills its fields with
 * their changes where nothing was typed (rereadSettings); RereadNote says which fields are which. The stores are read again (the header's name, the period other screens
 * count by); that read failing is said under Save, where the owner is, with Try again: the console's
 * notice above the screen, and the card's alert above a long form, were two notices out of sight.
 */
import { useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import { loadStaffStores, type StaffStore } from '../../../stores/staff-store.ts';
import { loadSettings, pointsRateDigits, pointsRateMax, pointsRateSchema, saveSettings, toOrigin, type SettingsUpdate, type StoreSettings } from '../../../lib/console/store-settings.ts';
import { loadTiers, periodWhatIf, type TierRow, type WhatIf } from '../../../lib/console/tiers.ts';
import { $session } from '../../../stores/session.ts';
import { useConsoleText } from '../console-text.ts';
import { LocaleSelect } from '../ui/LocaleSelect.tsx';
import { Field, FormError, ReadOnlyField } from '../ui/Field.tsx';
import { apiErrors, checkErrors, noErrors, type ApiError, type FormErrors } from '../ui/form-errors.ts';
import { RereadNote } from '../ui/RereadNote.tsx';
import { useReread } from '../ui/reread.ts';
import { StoresOutOfDate } from '../StoresOutOfDate.tsx';
import { LocalizedTextField, textMapSchema, type TextMap } from '../ui/LocalizedTextField.tsx';
import type { Locale } from '../../../i18n/locales.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { asResult, thrownError, useLoad } from '../ui/use-load.ts';
import { WhatIfView } from '../tiers/WhatIfView.tsx';
import { contrastWithWhite, readableContrast } from '../../../lib/contrast.ts';
import { wholeText } from '../../../lib/console/result.ts';
import { currencyName, formatNumber } from '../../../i18n/format.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import { localeNames } from '../options.ts';
import { CheckedForm } from '../ui/CheckedForm.tsx';
import { LanguageGaps } from './LanguageGaps.tsx';
import { numberFields, originLines, rereadSettings, settingsFormOf, type SettingsFields } from './settings-form.ts';
import { typedText } from '../../../lib/numbers.ts';
import { BusyButton } from '../../BusyButton.tsx';

const fields = ['name', 'default_locale', 'brand_color', 'embed_origins', 'points_per_currency_unit', ...numberFields.map(([name]) => name)];

export function StoreSettingsForm({ store }: { store: StaffStore }) {
  const { t } = useConsoleText('staff');
  const state = useLoad(() => loadSettings(store.id), [store.id]);
  // The panel and its title outside LoadState, as the Joining and Logo panels: its wrapper (no box)
  // between panels left the next panel's spacing (.panel + .panel) without a panel before it.
  return (
    <section aria-labelledby="store-settings-title" class="panel">
      <h2 id="store-settings-title">{t('storeSettingsTitle')}</h2>
      <LoadState state={state}>{(settings) => <SettingsForm store={store} loaded={settings} />}</LoadState>
    </section>
  );
}

const tierNameOf = (tiers: TierRow[], id: string | null) => tiers.find((row) => row.id === id)?.name_local ?? '';

function SettingsForm({ store, loaded }: { store: StaffStore; loaded: StoreSettings }) {
  const { t, locale } = useConsoleText('staff');
  /** The settings as last read or saved: what a save is made over (saveSettings refuses it once someone else changed them). */
  const [settings, setSettings] = useState(loaded);
  /** What the typed fields were filled with: the settings as read, then as read again with what was typed kept (rereadSettings). */
  const [filledWith, setFilledWith] = useState(() => settingsFormOf(loaded, locale));
  /** Fills the typed fields again from `filledWith` (their keys): an input's new default does not replace what it holds. */
  const [filled, setFilled] = useState(0);
  const fieldsBox = useRef<HTMLFieldSetElement>(null);
  // The stores read again after a save, failed: said under Save.
  const [storesFailed, setStoresFailed] = useState<ApiError | null>(null);
  const actions = useRef<HTMLDivElement>(null);
  const { t: ops } = useConsoleText('operations');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [names, setNames] = useState<TextMap>(filledWith.name);
  // The name must have the default language chosen in this form, saved with it in one update.
  const [defaultLocale, setDefaultLocale] = useState(settings.default_locale);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  /** The what-if of the period typed, shown before it is saved. */
  const [periodCheck, setPeriodCheck] = useState<{ days: number; offset: number; result: WhatIf; tiers: TierRow[] } | null>(null);
  const [customColor, setCustomColor] = useState(filledWith.brand_color !== null);
  const [color, setColor] = useState(filledWith.brand_color ?? '#0b4f8a');
  const owner = store.role === 'owner';
  const originsBox = useRef<HTMLTextAreaElement>(null);
  const fail = (message: string) => setErrors({ fields: {}, form: message });
  // A save refused because someone else changed the settings since they were read offers Reload:
  // the fields show their changes where nothing was typed and keep what was (rereadSettings), the
  // next save made over the settings as read now; a new period's what-if is shown again before it
  // is saved.
  const saves = useReread({
    read: settings,
    load: () => asResult(loadSettings(store.id)),
    merge: (read, now, mine: SettingsFields) => {
      const { form: shown, taken, kept } = rereadSettings(read, now, mine, locale);
      setSettings(now);
      setFilledWith(shown);
      setFilled((count) => count + 1);
      setNames(shown.name);
      setDefaultLocale(shown.default_locale);
      setCustomColor(shown.brand_color !== null);
      if (shown.brand_color !== null) setColor(shown.brand_color);
      setPeriodCheck(null);
      setErrors(noErrors);
      return { taken, kept };
    },
    gone: () => fail(t('settingsGoneSince')),
    say: fail,
    setBusy,
  });

  // Rounded down, so a ratio just short of 4.5 never reads as 4.5.
  const lowContrast = (color: string) => {
    const ratio = contrastWithWhite(color);
    return ratio < readableContrast ? t('brandColorLowContrast', { ratio: Math.floor(ratio * 100) / 100 }) : null;
  };
  // As the console's language writes numbers (numbers.ts): "1.000" join points are a thousand in Spanish.
  const whole = (min: number, max: number) => {
    const message = t('errorWholeNumber', { min, max });
    return wholeText(locale, message, t('errorRequired')).refine((n) => n >= min && n <= max, message);
  };
  const schema = z.object({
    name: textMapSchema(t, defaultLocale, locale, { max: 120, required: true, line: true }),
    default_locale: z.enum(['en', 'zh-CN', 'es']),
    ...Object.fromEntries(numberFields.map(([name, min, max]) => [name, whole(min, max)])),
    points_per_currency_unit: pointsRateSchema(locale, {
      required: t('errorRequired'),
      invalid: t('errorNumber', { min: 0, max: pointsRateMax }),
      decimals: ops('vPointsRateDecimals', { digits: pointsRateDigits }),
      twoWays: (values) => ops('vAmbiguousPointsRate', values),
      readAs: (values) => ops('vPointsRateReadAs', values),
    }),
    brand_color: z
      .string()
      .regex(/^#[0-9a-f]{6}$/, t('errorColor'))
      .superRefine((color, context) => {
        const message = lowContrast(color);
        if (message) context.addIssue({ code: 'custom', message });
      })
      .nullable(),
    embed_origins: z
      .string()
      .transform((text, context) => {
        const origins: string[] = [];
        for (const typed of originLines(text)) {
          const origin = toOrigin(typed);
          // The first line that is not an origin, or repeats one, named: in a list of twenty, "each line" finds none.
          if (origin === null || origins.includes(origin)) {
            const message = origin === null ? t('errorOriginLine', { origin: typed }) : t('errorOriginsDuplicate', { origin });
            context.issues.push({ code: 'custom', message, input: text });
            return z.NEVER;
          }
          origins.push(origin);
        }
        return origins;
      })
      .pipe(z.array(z.string()).max(50, t('errorOriginsCount'))),
  });

  async function checkPeriod(days: number, offset = 0) {
    setBusy(true);
    try {
      const [{ data, error }, tiers] = await Promise.all([periodWhatIf(store.id, days, offset), periodCheck?.tiers ?? loadTiers(store.id)]);
      if (error) return setErrors(apiErrors(error, fields));
      setPeriodCheck({ days, offset, result: data, tiers });
      if (offset === 0) requestAnimationFrame(() => document.getElementById('what-if')?.focus());
    } catch (thrown) {
      // loadTiers throws the API's refusal; said beside the form as a refused save is.
      setErrors(apiErrors(thrownError(thrown), fields));
    } finally {
      setBusy(false);
    }
  }

  /**
   * The saved period back in its field, the what-if gone: the form saves the other settings. The
   * field takes the keyboard, as the button pressed goes with the what-if.
   */
  function keepPeriod() {
    const period = document.getElementById('settings-statistical_period_days');
    if (period instanceof HTMLInputElement) {
      period.value = typedText(settings.statistical_period_days, locale);
      period.focus();
    }
    setPeriodCheck(null);
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSaved(null);
    setStoresFailed(null);
    const form = Object.fromEntries(new FormData(event.currentTarget as HTMLFormElement));
    const parsed = schema.safeParse({ ...form, name: names, brand_color: customColor ? color.toLowerCase() : null });
    if (!parsed.success) return setErrors(checkErrors(parsed.error));
    const origins = (parsed.data as { embed_origins: string[] }).embed_origins;
    const days = (parsed.data as SettingsUpdate).statistical_period_days;
    setErrors(noErrors);
    const periodChanges = days !== settings.statistical_period_days;
    if (periodChanges && periodCheck?.days !== days) return void checkPeriod(days);
    setBusy(true);
    saves.saving();
    const stored = await saveSettings(store.id, settings, parsed.data as SettingsUpdate);
    setBusy(false);
    if (!stored.ok) {
      if (saves.refused(stored.error, t('settingsChangedSince'))) return;
      return setErrors(apiErrors(stored.error, fields));
    }
    setSettings(stored.data);
    // The moves the owner saw and confirmed: the period's change placed every member by them.
    setSaved(periodChanges && periodCheck ? t('savedPeriodMoves', { up: periodCheck.result.moved_up, down: periodCheck.result.moved_down }) : t('saved'));
    setPeriodCheck(null);
    // The list as stored (each line as the origin the browser reports: lower case, no default port).
    if (originsBox.current) originsBox.current.value = origins.join('\n');
    void refreshStores();
  }

  /**
   * The form as the owner left it: what a reload keeps where they changed it. Read as Reload is
   * pressed: the fieldset, disabled while the settings are read, gives FormData nothing.
   */
  function typedForm(): SettingsFields {
    const typed = fieldsBox.current?.form ? Object.fromEntries(new FormData(fieldsBox.current.form)) : {};
    const text = (name: keyof SettingsFields) => (typeof typed[name] === 'string' ? typed[name] : (filledWith[name] as string));
    return {
      ...filledWith,
      ...Object.fromEntries(numberFields.map(([name]) => [name, text(name)])),
      points_per_currency_unit: text('points_per_currency_unit'),
      embed_origins: text('embed_origins'),
      name: names,
      default_locale: defaultLocale,
      brand_color: customColor ? color.toLowerCase() : null,
    };
  }

  /** Each field's label on the form, to say which ones someone else changed. */
  const fieldLabel = (field: keyof SettingsFields) =>
    field === 'name' ? t('storeNameLabel') : field === 'default_locale' ? t('defaultLocaleLabel') : field === 'brand_color' ? t('brandColorLabel')
      : field === 'embed_origins' ? t('embedOriginsLabel') : t(`${field}_label`);

  async function refreshStores() {
    const userId = $session.get()?.user.id;
    if (!userId) return;
    setStoresFailed(await loadStaffStores(userId, { force: true, saidByCaller: true }));
  }

  // The name's refusal is about the default language it was checked against: another one chosen, it no longer holds.
  const changeDefaultLocale = (chosen: Locale) => {
    setDefaultLocale(chosen);
    if (errors.fields.name) setErrors({ ...errors, fields: { ...errors.fields, name: undefined } });
  };
  const contrastWarning = customColor && /^#[0-9a-f]{6}$/i.test(color) ? lowContrast(color.toLowerCase()) : null;
  // A refused colour's message stands until the colour changes; then the live warning speaks again.
  const changeColor = (change: () => void) => {
    change();
    if (errors.fields.brand_color) setErrors({ ...errors, fields: { ...errors.fields, brand_color: undefined } });
  };
  return (
    <>
      {!owner && <p class="notice">{t('ownerOnly')}</p>}
      <RereadNote reloaded={t('settingsReread')} changes={saves.changes} label={fieldLabel} />
      <CheckedForm check={errors} class="stack" onSubmit={submit}>
        <fieldset ref={fieldsBox} disabled={busy} class="stack plain">
          <legend class="visually-hidden">{t('storeSettingsTitle')}</legend>
          <Field id="settings-locale" label={t('defaultLocaleLabel')} hint={t('defaultLocaleHint')} error={errors.fields.default_locale} readOnly={!owner} shown={<span lang={defaultLocale}>{localeNames[defaultLocale]}</span>}>
            {(aria) => <LocaleSelect aria={aria} chosen={defaultLocale} onChange={changeDefaultLocale} />}
          </Field>
          {/* Before the save, what the change waits for; keyed, so each language chosen is read and said afresh. */}
          {owner && defaultLocale !== settings.default_locale && (
            <LanguageGaps key={defaultLocale} store={store} chosen={defaultLocale} savedLocale={settings.default_locale} names={names} refusal={errors.fields.default_locale} />
          )}
          {/* Chosen when the store was made: every amount and threshold is counted in it. */}
          <ReadOnlyField
            label={t('baseCurrencyLabel')}
            values={[
              <dd key="currency">{t('baseCurrencyShown', { code: store.base_currency, name: currencyName(store.base_currency, locale) })}</dd>,
              <dd key="fixed" class="field-hint">{t('baseCurrencyFixed')}</dd>,
            ]}
          />
          <LocalizedTextField id="settings-name" label={t('storeNameLabel')} value={names} onChange={setNames} defaultLocale={defaultLocale} required maxLength={120} error={errors.fields.name} errorLocale={errors.locales?.name} readOnly={!owner} />
          {!owner ? (
            <ReadOnlyField label={t('brandColorLabel')}>
              {settings.brand_color ? (
                <>
                  <span class="color-swatch" aria-hidden="true" style={{ background: settings.brand_color }} />
                  <code>{settings.brand_color}</code>
                </>
              ) : (
                t('brandColorNone')
              )}
            </ReadOnlyField>
          ) : (
          <div class="field">
            <span class="field-label" id="brand-color-label">
              {t('brandColorLabel')}
            </span>
            <p class="field-hint" id="brand-color-hint">
              {t('brandColorHint')}
            </p>
            <label class="check">
              <input type="checkbox" checked={customColor} onChange={(event) => changeColor(() => setCustomColor(event.currentTarget.checked))} />{' '}
              {t('brandColorCustom')}
            </label>
            {customColor && (
              <label class="check">
                <input
                  type="color"
                  value={color}
                  aria-describedby={['brand-color-hint', errors.fields.brand_color ? 'brand-color-error' : ''].filter(Boolean).join(' ')}
                  aria-invalid={errors.fields.brand_color ? true : undefined}
                  onInput={(event) => changeColor(() => setColor(event.currentTarget.value))}
                />{' '}
                {t('brandColorPick')} <code>{color}</code>
              </label>
            )}
            {/* Present before it speaks, so a colour picked too light is announced as it is picked. */}
            <div role="status">{contrastWarning && !errors.fields.brand_color && <p class="field-hint">{contrastWarning}</p>}</div>
            {errors.fields.brand_color && (
              <p id="brand-color-error" class="field-error">
                {errors.fields.brand_color}
              </p>
            )}
          </div>
          )}
          {/* Keyed: filled anew from the settings read again (Reload), as an input's new default is not. */}
          <div key={`numbers-${filled}`} class="grid-2">
            {numberFields.map(([name]) => (
              <Field key={name} id={`settings-${name}`} label={t(`${name}_label`)} hint={t(`${name}_hint`)} error={errors.fields[name]} readOnly={!owner} shown={formatNumber(settings[name], locale)}>
                {(aria) => (
                  <input
                    {...aria}
                    name={name}
                    inputMode="numeric"
                    defaultValue={filledWith[name]}
                    required
                    onInput={name === 'statistical_period_days' ? () => setPeriodCheck(null) : undefined}
                  />
                )}
              </Field>
            ))}
            <Field id="settings-points_per_currency_unit" label={t('points_per_currency_unit_label')} hint={t('points_per_currency_unit_hint', { currency: store.base_currency })} error={errors.fields.points_per_currency_unit} readOnly={!owner} shown={t('pointsRateShown', { points: formatNumber(settings.points_per_currency_unit, locale, pointsRateDigits), currency: store.base_currency })}>
              {(aria) => <input {...aria} name="points_per_currency_unit" inputMode="decimal" defaultValue={filledWith.points_per_currency_unit} required />}
            </Field>
          </div>
          <Field key={`origins-${filled}`} id="settings-embed_origins" label={t('embedOriginsLabel')} hint={t('embedOriginsHint')} error={errors.fields.embed_origins} readOnly={!owner} shown={settings.embed_origins.length > 0 ? <ul>{settings.embed_origins.map((origin) => <li key={origin}>{origin}</li>)}</ul> : null}>
            {(aria) => <textarea {...aria} ref={originsBox} name="embed_origins" rows={4} defaultValue={filledWith.embed_origins} spellcheck={false} autocapitalize="none" />}
          </Field>
          {periodCheck && (
            <>
              <WhatIfView
                title={t('periodWhatIfTitle')}
                result={periodCheck.result}
                offset={periodCheck.offset}
                currency={store.base_currency}
                tierName={(index) => tierNameOf(periodCheck.tiers, periodCheck.result.tiers.find((row) => row.index === index)?.id ?? null)}
                fromName={(id) => tierNameOf(periodCheck.tiers, id)}
                busy={busy}
                onPage={(offset) => void checkPeriod(periodCheck.days, offset)}
              />
              <p class="notice">{t('periodWhatIfConfirm')}</p>
            </>
          )}
          <FormError message={errors.form} />
        </fieldset>
        {/* Outside the fieldset its saving disables: a disabled button loses the focus to the page. */}
        {owner && (
          <div class="actions" ref={actions}>
            {saves.stale && <BusyButton type="button" busy={busy} onClick={() => void saves.readAgain(typedForm())}>{t('reloadSettings')}</BusyButton>}
            <BusyButton type="submit" class="primary" busy={busy}>
              {busy ? t('saving') : periodCheck ? t('savePeriod') : t('save')}
            </BusyButton>
            {periodCheck && (
              <button type="button" disabled={busy} onClick={keepPeriod}>
                {t(pluralKey('keepPeriod', settings.statistical_period_days, locale), { days: settings.statistical_period_days })}
              </button>
            )}
            {saved && (
              <p role="status" class="success">
                {saved}
              </p>
            )}
          </div>
        )}
      </CheckedForm>
      {/* After the form, not in it: an alert in the form is a refusal of its save (CheckedForm). */}
      {storesFailed && (
        <StoresOutOfDate error={storesFailed} retry={refreshStores} backTo={() => actions.current?.querySelector<HTMLElement>('button[type="submit"]') ?? null} />
      )}
    </>
  );
}

