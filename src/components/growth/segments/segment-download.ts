/**
 * A filter set's consenting contacts downloaded as CSV, and the sentence that says what the file
 * holds: Segments' Download CSV and Campaigns' Download recipients are this one export, and say
 * whom it reaches with one line (sizeLine). A logged campaign's recipients, as it was sent to
 * them, are downloaded from the campaign log in the same file.
 */
import { formatListParts, joinSentences, type Translate } from '../../../i18n/format.ts';
import type { Locale } from '../../../i18n/locales.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import type { Sections } from '../../../i18n/sections.ts';
import type { ApiError } from '../../console/ui/form-errors.ts';
import { csvFileName, csvLayout, downloadText } from '../../../lib/growth/download.ts';
import { exportCampaign, type CampaignResult } from '../../../lib/growth/campaigns.ts';
import { exportColumns, exportSegment, type SegmentSize } from '../../../lib/growth/segments.ts';

type GrowthText = Translate<Extract<keyof Sections['growth'], string>>;

/** "2 companies · 3 contacts · 1 agreed to be contacted", each count with its own plural. */
export function sizeLine(counts: SegmentSize, t: GrowthText, locale: Locale): string {
  const size = (key: 'sizeCompanies' | 'sizeContacts' | 'sizeAgreed', count: number) => t(pluralKey(key, count, locale), { count });
  return [size('sizeCompanies', counts.members), size('sizeContacts', counts.contacts), size('sizeAgreed', counts.consenting_contacts)].join(' · ');
}

/**
 * What the file holds and how it is laid out, said beside its download: its columns as its header
 * names them (the console's own words, so not isolated as formatList isolates others'), and the
 * separator a spreadsheet in the staff member's language opens it with.
 */
export function contactsFileHint(t: GrowthText, locale: Locale): string {
  return joinSentences([t('exportHint', { columns: formatListParts(exportColumns.map((column) => t(`csv_${column}`)), locale, (header) => header).join('') }), csvLayoutSentence(t, locale)], locale);
}

/** Which separator and decimal symbol the console's CSV files use in `locale` (csvLayout). */
export const csvLayoutSentence = (t: GrowthText, locale: Locale) => t(csvLayout(locale).delimiter === ';' ? 'csvSemicolons' : 'csvCommas');

export async function downloadSegment(
  store: { id: string; slug: string },
  filters: Record<string, unknown>,
  name: string,
  t: GrowthText,
  locale: Locale,
): Promise<{ ok: true; rows: number; said: string } | { ok: false; error: ApiError }> {
  const result = await exportSegment(store.id, filters, t, locale);
  if (!result.ok) return result;
  downloadText(csvFileName(store.slug, name, new Date()), result.data.csv);
  // Those left out only when there are any, each count with its own plural.
  const { rows, withoutConsent: without } = result.data;
  return {
    ok: true,
    rows,
    said: joinSentences([
      t(pluralKey('exported', rows, locale), { rows }),
      without > 0 && t(pluralKey('leftOut', without, locale), { without }),
    ], locale),
  };
}

/**
 * The contacts a logged campaign was sent to, in a file named after its subject and the day it
 * was sent. With no one left to list, nothing is downloaded and the sentence says why.
 */
export async function downloadCampaign(
  store: { id: string; slug: string },
  campaign: Pick<CampaignResult, 'campaign_id' | 'subject' | 'sent_at'>,
  t: GrowthText,
  locale: Locale,
): Promise<{ ok: true; said: string } | { ok: false; error: ApiError }> {
  const result = await exportCampaign(store.id, campaign.campaign_id, t, locale);
  if (!result.ok) return result;
  const { csv, rows, withdrawn } = result.data;
  if (rows > 0) downloadText(csvFileName(store.slug, campaign.subject, new Date(campaign.sent_at)), csv);
  const left = withdrawn > 0 && t(pluralKey('withdrawnSince', withdrawn, locale), { withdrawn });
  return {
    ok: true,
    said: joinSentences(rows > 0
      ? [t(pluralKey('exported', rows, locale), { rows }), left]
      : [t('nothingToDownload'), left || t('noRecipientsKept')], locale),
  };
}
