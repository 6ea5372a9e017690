/**
 * The script tag for the merchant's pages (docs/widget.md) with the portal's own origin, and
 * the inline placements it renders: benefits, join and a product's member terms by SKU.
 */
import type { StaffStore } from '../../../stores/staff-store.ts';
import { useConsoleText } from '../console-text.ts';
import { consoleHref } from '../links.ts';
import { CopyButton } from '../ui/CopyButton.tsx';

export function embedTag(origin: string, slug: string): string {
  return `<script async src="${origin}/widget.js" data-store="${slug}"></script>`;
}

export function EmbedSnippet({ store }: { store: StaffStore }) {
  const { t } = useConsoleText('staff');
  const tag = embedTag(window.location.origin, store.slug);
  const placements = [
    { code: '<div data-cardclub="benefits"></div>', text: t('placementBenefits') },
    { code: '<div data-cardclub="join"></div>', text: t('placementJoin') },
    { code: '<div data-cardclub="product" data-sku="YOUR-SKU"></div>', text: t('placementProduct') },
  ];
  return (
    <>
      <p>{t('embedIntro')}</p>
      <pre class="snippet" aria-label={t('embedTagLabel')}>
        <code>{tag}</code>
      </pre>
      <CopyButton text={tag} label={t('copySnippet')} />
      <h3>{t('placementsTitle')}</h3>
      <p>{t('placementsIntro')}</p>
      <dl class="placements">
        {placements.map((placement) => (
          <div key={placement.code}>
            <dt>
              <code>{placement.code}</code>
            </dt>
            <dd>{placement.text}</dd>
          </div>
        ))}
      </dl>
      <p>
        {t('embedOriginsNote')} <a href={consoleHref('/console/settings/', store.slug)}>{t('embedOriginsLink')}</a>
      </p>
    </>
  );
}
