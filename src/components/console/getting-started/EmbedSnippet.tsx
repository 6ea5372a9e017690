/**
 * The script tag for the merchant's pages (docs/widget.md) with the portal's own origin, the
 * inline placements it renders (benefits, join and a product's member terms by SKU), each named
 * in words with the code to paste (a product's with one of the store's own SKUs, once it has
 * products), and, when the store has a brand colour, the style tag that
 * gives the widget's button and placements that colour on the merchant's pages (the panel takes
 * it by itself; the page's widget is themed by the page's CSS, docs/widget.md "Theming").
 */
import type { StaffStore } from '../../../stores/staff-store.ts';
import { joinSentences } from '../../../i18n/format.ts';
import { useConsoleText } from '../console-text.ts';
import { consoleHref } from '../links.ts';
import { CopyButton } from '../../CopyButton.tsx';

export function embedTag(origin: string, slug: string): string {
  return `<script async src="${origin}/widget.js" data-store="${slug}"></script>`;
}

/** The CSS that themes the widget on a merchant's page with `color` (#rrggbb), as the demo page does. */
function brandStyleTag(color: string): string {
  return `<style>cardclub-widget, [data-cardclub] { --cardclub-accent: ${color}; }</style>`;
}

/** `sku`: one of the store's products' (firstSku), null when it has none yet, undefined while loading. */
export function EmbedSnippet({ store, brandColor, sku }: { store: StaffStore; brandColor: string | null; sku: string | null | undefined }) {
  const { t, locale } = useConsoleText('staff');
  const tag = embedTag(window.location.origin, store.slug);
  const style = brandColor ? brandStyleTag(brandColor) : null;
  const copyWords = { copied: t('copied'), failed: t('copyFailed'), shown: { within: '.snippet-copy', holder: 'code' } };
  const placements = [
    { name: t('placementBenefitsName'), code: '<div data-cardclub="benefits"></div>', text: t('placementBenefits') },
    { name: t('placementJoinName'), code: '<div data-cardclub="join"></div>', text: t('placementJoin') },
    {
      name: t('placementProductName'),
      code: `<div data-cardclub="product" data-sku="${sku ?? 'YOUR-SKU'}"></div>`,
      text: joinSentences([t('placementProduct'), sku && t('placementProductSku', { sku })], locale),
    },
  ];
  return (
    <>
      <p>{t('embedIntro')}</p>
      {/* Each code with its button: where copying is refused, the button selects its own. */}
      <div class="snippet-copy">
        <pre class="snippet" aria-label={t('embedTagLabel')}>
          <code>{tag}</code>
        </pre>
        <CopyButton text={tag} label={t('copySnippet')} {...copyWords} />
      </div>
      {style && (
        <>
          <h3>{t('brandStyleTitle')}</h3>
          <p>{t('brandStyleIntro')}</p>
          <div class="snippet-copy">
            <pre class="snippet" aria-label={t('brandStyleLabel')}>
              <code>{style}</code>
            </pre>
            <CopyButton text={style} label={t('copyStyle')} {...copyWords} />
          </div>
        </>
      )}
      <h3>{t('placementsTitle')}</h3>
      <p>{t('placementsIntro')}</p>
      <dl class="placements">
        {placements.map((placement) => (
          <div key={placement.name}>
            <dt>{placement.name}</dt>
            <dd>
              <code>{placement.code}</code>
            </dd>
            <dd>{placement.text}</dd>
          </div>
        ))}
      </dl>
      <p>
        {t(store.role === 'owner' ? 'embedOriginsNote' : 'embedOriginsNoteStaff')} <a href={consoleHref('/console/settings/', store.slug)}>{t('embedOriginsLink')}</a>
      </p>
    </>
  );
}
