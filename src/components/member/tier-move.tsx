/**
 * The sentence after a tier move, as My membership's tier note and the Updates say it: its orders
 * listed in the reader's language, each reference kept on one line ("LUM-2026-" / "0234" broke at
 * a phone's edge) and isolated (<bdi>, as formatList's isolate() for text): direction controls in
 * a merchant's reference cannot reorder the sentence.
 */
import type { ComponentChildren } from 'preact';
import { formatListParts, interpolateParts } from '../../i18n/format.ts';
import { tierMoveReason, type TierMove } from '../../lib/order-changes.ts';
import type { useSectionText } from '../use-text.ts';

export function tierMoveSentence(move: TierMove, { t, locale }: ReturnType<typeof useSectionText<'member'>>): ComponentChildren {
  const why = tierMoveReason(move, locale);
  if (!('refs' in why)) return t(why.key);
  return <>{interpolateParts(t(why.key), { ref: <>{formatListParts(why.refs, locale, (ref) => <bdi key={ref} class="nowrap">{ref}</bdi>)}</> })}</>;
}
