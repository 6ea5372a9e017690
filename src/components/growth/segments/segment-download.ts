/**
 * A filter set's consenting contacts downloaded as CSV, and the sentence that says what the file
 * holds: Segments' Download CSV and Campaigns' Download recipients are this one export, and say
 * whom it reaches with one line (sizeLine).
 */
import { joinSentences, type Translate } from '../../../i18n/format.ts';
import type { Locale } from '../../../i18n/locales.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import type { Sections } from '../../../i18n/sections.ts';
import { stages } from '../../../lib/console/members.ts';
import type { ApiError } from '../../console/ui/form-errors.ts';
import { downloadText } from '../../../lib/growth/download.ts';
import { exportSegment, type SegmentSize } from '../../../lib/growth/segments.ts';

type GrowthText = Translate<Extract<keyof Sections['growth'], string>>;

/** "2 companies · 3 contacts · 1 agreed to be contacted", each count with its own plural. */
export function sizeLine(counts: SegmentSize, t: GrowthText, locale: Locale): string {
  const size = (key: 'sizeCompanies' | 'sizeContacts' | 'sizeAgreed', count: number) => t(pluralKey(key, count, locale), { count });
  return [size('sizeCompanies', counts.members), size('sizeContacts', counts.contacts), size('sizeAgreed', counts.consenting_contacts)].join(' · ');
}

export async function downloadSegment(
  store: { id: string; slug: string },
  filters: Record<string, unknown>,
  name: string,
  t: GrowthText,
  locale: Locale,
): Promise<{ ok: true; rows: number; said: string } | { ok: false; error: ApiError }> {
  const result = await exportSegment(store.id, filters, (column) => t(`csv_${column}`), (stage) => t(`stage_${stage as (typeof stages)[number]}`), locale);
  if (!result.ok) return result;
  // Letters of any script kept: a segment named in Chinese is named so in the file's name.
  downloadText(`${store.slug}-${name.replace(/[^\p{L}\p{N}_-]+/gu, '-')}-${new Date().toISOString().slice(0, 10)}.csv`, result.data.csv);
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
