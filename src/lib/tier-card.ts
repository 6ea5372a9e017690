/**
 * The tier card, written once for the portal and the widget: its name, how to reach it and its
 * headline rights, with the merchant's name and perks in the language they are written in (a
 * fallback makes it differ from the page's; WCAG 3.1.2). The caller passes its element builder —
 * Preact's `h` (TierCard.tsx) or the loader's plain-DOM `el` (a visitor's page loads no
 * framework) — which both take (tag, attributes, ...children) and treat strings as text.
 */
import { headlineRights, tierRules, type StoreTerms, type TierContext, type TierRights } from './tier-rights.ts';
import { formatNumber } from '../i18n/format.ts';
import { pluralKey } from '../i18n/plural.ts';

export type Build<Node> = (tag: string, attributes: Record<string, string | undefined>, ...children: (Node | string)[]) => Node;

export interface TierCardOptions<Node> extends TierContext, StoreTerms {
  /** The statistical period in days, when the caller knows it. */
  periodDays?: number | undefined;
  /** The reader's own tier: outlined and badged "Your tier" (not by colour alone). */
  current?: boolean | undefined;
  /** False leaves out how to reach the tier: My membership's own tier, which the member reached. */
  reach?: boolean | undefined;
  heading?: 'h2' | 'h3';
  /** The heading's id, `tier-<rank>` unless given: the welcome after joining names its card apart from the store page's tiers below it. */
  headingId?: string | undefined;
  /** Shown at the end of the card (the store page's count of exclusive products). */
  extra?: Node[];
}

const listItems = <Node>(build: Build<Node>, lines: string[], lang?: string) => lines.map((line) => build('li', { lang }, line));

export function tierCard<Node>(build: Build<Node>, tier: TierRights, options: TierCardOptions<Node>): Node {
  const { t, current = false, reach = true, heading = 'h3', headingId = `tier-${tier.rank}`, extra = [] } = options;
  return build(
    'article',
    { class: current ? 'tier tier-current' : 'tier', 'aria-labelledby': headingId, 'data-rank': String(tier.rank) },
    build(heading, { id: headingId, class: 'tier-name', lang: tier.name_lang }, tier.name),
    ...(current ? [build('p', { class: 'tier-current-badge' }, t('currentTier'))] : []),
    ...(reach ? tierReach(build, tier, options) : []),
    build('p', { class: 'tier-label' }, t('rightsHeading')),
    build('ul', { class: 'tier-rights' }, ...listItems(build, headlineRights(tier, options)), ...listItems(build, tier.perks, tier.perks_lang ?? undefined)),
    ...extra,
  );
}

/** How to reach a tier: its conditions (all of them, which the heading says when there are two) and, above the ordinary tier, the period they are counted over. */
export function tierReach<Node>(build: Build<Node>, tier: TierRights, options: Pick<TierCardOptions<Node>, 'locale' | 't' | 'currency' | 'periodDays' | 'joiningPaused'>): Node[] {
  const { locale, t, currency, periodDays, joiningPaused } = options;
  const rules = tierRules(tier, { locale, t, currency, joiningPaused });
  return [
    build('p', { class: 'tier-label' }, t(rules.length > 1 ? 'rulesHeadingBoth' : 'rulesHeading')),
    build('ul', { class: 'tier-rules' }, ...listItems(build, rules)),
    ...(tier.rank > 0 && periodDays !== undefined ? [build('p', { class: 'tier-period' }, t(pluralKey('rulePeriod', periodDays, locale), { days: formatNumber(periodDays, locale) }))] : []),
  ];
}
