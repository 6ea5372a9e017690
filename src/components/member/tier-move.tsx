/** The sentence after a tier move, as My membership's tier note and the Updates say it: its orders listed as OrderRefList lists them. */
import type { ComponentChildren } from 'preact';
import { formatNumber, interpolateParts } from '../../i18n/format.ts';
import { pluralKey } from '../../i18n/plural.ts';
import { OrderRefList } from '../order-refs.tsx';
import { tierMoveReason, type TierMove } from '../../lib/order-changes.ts';
import type { useSectionText } from '../use-text.ts';

export function tierMoveSentence(move: TierMove, { t, locale }: ReturnType<typeof useSectionText<'member'>>): ComponentChildren {
  const why = tierMoveReason(move, locale);
  if (!('refs' in why)) return t(why.key);
  const more = (count: number) => t(pluralKey('moreOrders', count, locale), { count: formatNumber(count, locale) });
  return <>{interpolateParts(t(why.key), { ref: <OrderRefList refs={why.refs} locale={locale} more={more} /> })}</>;
}
