/**
 * The store settings form's fields: filled from the settings as saved, and filled again over a
 * save refused because someone else changed them since (rereadForm): their changes where the owner
 * typed nothing, what the owner typed everywhere else.
 */
import type { Locale } from '../../../i18n/locales.ts';
import { rereadForm } from '../../../lib/read-again.ts';
import { toOrigin, type StoreSettings } from '../../../lib/console/store-settings.ts';
import { readTyped, typedText } from '../../../lib/numbers.ts';
import { cleanTextMap, toTextMap, type TextMap } from '../ui/LocalizedTextField.tsx';

/** The whole numbers typed, with the least and most each takes. */
export const numberFields = [
  ['statistical_period_days', 1, 3650],
  ['sample_period_days', 1, 3650],
  ['churn_threshold_days', 1, 3650],
  ['points_expiry_days', 1, 3650],
  ['join_points', 0, 1_000_000],
  ['review_points', 0, 1_000_000],
] as const;

type NumberField = (typeof numberFields)[number][0];

/**
 * The sites typed, one a line, the blank lines left out: a line with a space in it is one site
 * mistyped (`shop example.com`), to be refused as it stands, not two sites to save.
 */
export const originLines = (text: string) => text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);

/** The form as the owner fills it: numbers and the sites as typed, the brand colour null for none. */
export type SettingsFields = Record<NumberField | 'points_per_currency_unit' | 'embed_origins', string> & {
  name: TextMap;
  default_locale: Locale;
  brand_color: string | null;
};

/** `settings` in the form's fields, its numbers as the console language `locale` writes them. */
export function settingsFormOf(settings: StoreSettings, locale: Locale): SettingsFields {
  return {
    name: toTextMap(settings.name, settings.default_locale),
    default_locale: settings.default_locale,
    brand_color: settings.brand_color,
    embed_origins: settings.embed_origins.join('\n'),
    ...(Object.fromEntries(numberFields.map(([name]) => [name, typedText(settings[name], locale)])) as Record<NumberField, string>),
    points_per_currency_unit: typedText(settings.points_per_currency_unit, locale),
  };
}

/**
 * The fields as saved: a text typed and cleared again says nothing, a number is its value however
 * it is written ("30", " 30", "1.000" in Spanish), a site the origin it is saved as.
 */
const said = (locale: Locale) => (form: SettingsFields): SettingsFields => {
  const number = (text: string) => {
    const plain = readTyped(text, locale);
    return plain === null ? text.trim() : String(Number(plain));
  };
  return {
    ...form,
    name: cleanTextMap(form.name),
    brand_color: form.brand_color?.toLowerCase() ?? null,
    embed_origins: originLines(form.embed_origins).map((typed) => toOrigin(typed) ?? typed).join('\n'),
    ...(Object.fromEntries(numberFields.map(([name]) => [name, number(form[name])])) as Record<NumberField, string>),
    points_per_currency_unit: number(form.points_per_currency_unit),
  };
};

/** The settings read again (`now`) over a save of `typed` refused since `read`. */
export function rereadSettings(read: StoreSettings, now: StoreSettings, typed: SettingsFields, locale: Locale) {
  return rereadForm(settingsFormOf(read, locale), settingsFormOf(now, locale), typed, said(locale));
}
