/** The sentence after a tier move, as My membership's tier note and the Updates say it: its orders listed as orderRefList lists them. */
import type { ComponentChildren } from 'preact';
import { interpolateParts } from '../../i18n/format.ts';
import { orderRefList } from '../order-refs.tsx';
import { tierMoveReason, type TierMove } from '../../lib/order-changes.ts';
import type { useSectionText } from '../use-text.ts';

export function tierMoveSentence(move: TierMove, { t, locale }: ReturnType<typeof useSectionText<'member'>>): ComponentChildren {
  const why = tierMoveReason(move, locale);
  if (!('refs' in why)) return t(why.key);
  return <>{interpolateParts(t(why.key), { ref: <>{orderRefList(why.refs, locale)}</> })}</>;
}
