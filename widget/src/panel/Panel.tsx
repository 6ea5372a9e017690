/**
 * The panel: the store's tiers with their rules and headline rights, and a link to the portal.
 * It runs on the merchant's page, so the store's text is only ever rendered as text through
 * JSX, never as HTML (tests/unit/raw-html-sinks.test.ts), and isolated inside sentences.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { TierCard } from '../../../src/components/TierCard.tsx';
import { isolate } from '../../../src/i18n/format.ts';
import type { Locale } from '../../../src/i18n/locales.ts';
import type { PanelProps } from '../contract.ts';
import { fetchPublicTiers, type PublicTiers } from './api.ts';
import { widgetText } from './messages.ts';

type Load = { status: 'loading' | 'failed' | 'not-found' } | { status: 'ready'; data: PublicTiers };

// One request per page view however often the panel is reopened; a failure is retried.
let request: Promise<PublicTiers | null> | undefined;
function tiersOf(slug: string, locale: Locale): Promise<PublicTiers | null> {
  request ??= fetchPublicTiers(slug, locale).catch((error: unknown) => {
    request = undefined;
    throw error;
  });
  return request;
}

export function Panel({ options, onClose, onError }: PanelProps & { onError: (error: unknown) => void }) {
  const { t, tiersText } = widgetText(options.locale);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const heading = useRef<HTMLHeadingElement>(null);

  function fetchTiers() {
    setLoad({ status: 'loading' });
    tiersOf(options.store, options.locale).then(
      (data) => setLoad(data ? { status: 'ready', data } : { status: 'not-found' }),
      (error: unknown) => {
        setLoad({ status: 'failed' });
        onError(error);
      },
    );
  }

  useEffect(fetchTiers, []);
  useEffect(() => heading.current?.focus(), [load.status]);

  const title = load.status === 'ready' ? t('panelTitle', { store: isolate(load.data.name) }) : t('launcher');
  const portalUrl = `${options.portalOrigin}/store/?s=${encodeURIComponent(options.store)}&lang=${options.locale}`;

  return (
    <section class="panel" role="dialog" aria-labelledby="panel-title" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      {/* A div, not <header>: a <section> with role="dialog" does not scope a header, which would be a second banner landmark on the merchant's page. */}
      <div class="panel-header">
        <h2 id="panel-title" ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" class="close" aria-label={t('close')} onClick={onClose}>
          ×
        </button>
      </div>
      {load.status === 'loading' && <p aria-busy="true">{t('loading')}</p>}
      {load.status === 'not-found' && <p>{t('storeNotFound')}</p>}
      {load.status === 'failed' && (
        <div role="alert">
          <p>{t('loadFailed')}</p>
          <button type="button" class="retry" onClick={fetchTiers}>
            {t('retry')}
          </button>
        </div>
      )}
      {load.status === 'ready' && (
        <>
          <div class="tiers">
            {load.data.tiers.map((tier) => (
              <TierCard
                key={tier.rank}
                tier={tier}
                locale={options.locale}
                t={tiersText}
                currency={load.data.currency}
                periodDays={load.data.periodDays}
              />
            ))}
          </div>
          <a class="portal-link" href={portalUrl} target="_blank" rel="noopener">
            {t('portalLink')}
          </a>
        </>
      )}
    </section>
  );
}
