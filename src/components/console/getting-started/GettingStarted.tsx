/**
 * Getting started for a chosen store: the steps to go live (card, tiers, allowed sites, products, embed), each
 * marked done or to do from the store's data (loadProgress), the merchant's business card, the
 * embed snippet with its inline placements explained, and a live preview of the widget for this
 * store. Reached from an accepted staff invitation (`?joined`), it says instead of the steps,
 * which are for an owner who just created the store, that they joined it and in which role.
 * Plain staff see the card, the tiers and the allowed sites as an owner's steps, done or not, with nothing to do:
 * only owners may write them (RLS, migration 20261210000700). A store that has paused taking new
 * members says so above the steps, with the way to Settings' New members, and the preview says its
 * join card is empty while it is.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { firstSku } from '../../../lib/console/merchant-card.ts';
import { loadProgress } from '../../../lib/console/progress.ts';
import { loadJoiningPausedAt, loadSettings } from '../../../lib/console/store-settings.ts';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { interpolateParts } from '../../../i18n/format.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import { merchantName } from '../../merchant-name.tsx';
import { useConsoleText } from '../console-text.ts';
import { consoleHref } from '../links.ts';
import { useLoad } from '../ui/use-load.ts';
import { EmbedSnippet } from './EmbedSnippet.tsx';
import { MerchantCardForm } from './MerchantCardForm.tsx';
import { WidgetPreview } from './WidgetPreview.tsx';

export function GettingStarted({ store }: { store: StaffStore }) {
  const { t, locale } = useConsoleText('staff');
  const [previewVersion, setPreviewVersion] = useState(0);
  // The brand colour for the style tag and the preview; without settings, neither uses one.
  const settings = useLoad(() => loadSettings(store.id), [store.id]);
  const brandColor = settings.status === 'ready' ? settings.data.brand_color : settings.status === 'error' ? null : undefined;
  // One of the store's SKUs, for the product placement's code and the preview; not read, neither has one.
  const skuState = useLoad(() => firstSku(store.id), [store.id]);
  const sku = skuState.status === 'ready' ? skuState.data : skuState.status === 'error' ? null : undefined;
  // Until it loads (or if it fails) the steps stand without marks rather than all "to do".
  const progressState = useLoad(() => loadProgress(store.id), [store.id]);
  const progress = progressState.data;
  // Read as Settings' New members reads it; not known (loading, or not read) says nothing.
  const pausedAt = useLoad(() => loadJoiningPausedAt(store.id), [store.id]);
  const paused = pausedAt.status === 'ready' && pausedAt.data !== null;
  // An invitee who just joined: their confirmation, not the new owner's steps. Said once: taken out
  // of the address, so a reload, a bookmark or a language switch shows the steps.
  const [joined] = useState(() => new URLSearchParams(window.location.search).has('joined'));
  useEffect(() => {
    if (!joined) return;
    const url = new URL(window.location.href);
    url.searchParams.delete('joined');
    window.history.replaceState(window.history.state, '', url);
  }, [joined]);
  const owner = store.role === 'owner';
  const storeName = { store: merchantName('store', store.name, store.name_lang) };
  const status = (done: boolean | undefined, doneText = t('stepDone')) =>
    done === undefined ? null : <StepStatus done={done}>{done ? doneText : t(owner ? 'stepToDo' : 'stepNotYet')}</StepStatus>;
  // An owner's step as plain staff read it: what it is and whether it is done, and who does it.
  const ownersStep = (label: string, mark: ComponentChildren) => (
    <>
      {label} {mark} <span class="muted">{t('stepByOwner')}</span>
    </>
  );
  // Straight to the field: without a listed site members cannot sign in from the merchant's pages.
  const sitesHref = `${consoleHref('/console/settings/', store.slug)}#settings-embed_origins`;
  // Every store starts with tiers (create_store): done from the start, with as many as it has now.
  const tiersMark = progress && <StepStatus done>{t(pluralKey('stepTiersSet', progress.tiers, locale), { count: progress.tiers })}</StepStatus>;
  return (
    <>
      <h1>{t('navStart')}</h1>
      {joined ? (
        <div role="status" class="notice">
          <p class="lead">{interpolateParts(t(owner ? 'joinedAsOwner' : 'joinedAsStaff'), storeName)}</p>
          <p>{t('joinedNext')}</p>
        </div>
      ) : (
        <>
          {paused && (
            <p class="notice">
              {interpolateParts(t(owner ? 'startPaused' : 'startPausedStaff'), {
                settings: <a href={`${consoleHref('/console/settings/', store.slug)}#joining-title`}>{t('navSettings')} → {t('joiningTitle')}</a>,
              })}
            </p>
          )}
          <p class="lead">{interpolateParts(t(owner ? 'startIntro' : 'startIntroStaff'), storeName)}</p>
          <ol class="steps">
            <li>{owner ? <><a href="#card-title-heading">{t('stepCard')}</a> {status(progress?.card)}</> : ownersStep(t('stepCardOwners'), status(progress?.card))}</li>
            <li>
              {owner ? <><a href={consoleHref('/console/tiers/', store.slug)}>{t('stepTiers')}</a> {tiersMark}</> : ownersStep(t('stepTiersOwners'), tiersMark)}
            </li>
            <li>
              {owner ? <><a href={sitesHref}>{t('stepSites')}</a> {status(progress?.sites)}</> : ownersStep(t('stepSitesOwners'), status(progress?.sites))}
            </li>
            <li>
              <a href={consoleHref('/console/products/', store.slug, { from: 'start' })}>{t('stepProducts')}</a> {status(progress?.products)}
            </li>
            <li>
              <a href="#embed-title">{t('stepEmbed')}</a> {status(progress?.members, t('stepEmbedDone'))}
              {progress?.members === false && <> <span class="muted">{t('stepEmbedCheck')}</span></>}
            </li>
          </ol>
        </>
      )}
      <section aria-labelledby="card-title-heading" class="panel">
        <h2 id="card-title-heading">{t('cardTitle')}</h2>
        <p class="muted">{t('cardIntro')}</p>
        {/* The card's trading name is written here in every language, the store's own name only in Settings: the store page heads with that. */}
        {owner && (
          <p class="muted">
            {interpolateParts(t('cardStoreName'), {
              settings: <a href={`${consoleHref('/console/settings/', store.slug)}#settings-name-${store.default_locale}`}>{t('navSettings')} → {t('storeNameLabel')}</a>,
            })}
          </p>
        )}
        <MerchantCardForm store={store} onSaved={() => { setPreviewVersion((version) => version + 1); progressState.reload(); }} />
      </section>
      <section aria-labelledby="embed-title" class="panel">
        <h2 id="embed-title">{t('embedTitle')}</h2>
        <EmbedSnippet store={store} brandColor={brandColor ?? null} sku={sku} />
      </section>
      <section aria-labelledby="preview-heading" class="panel">
        <h2 id="preview-heading">{t('previewTitle')}</h2>
        <p class="muted">{t('previewIntro')}</p>
        {paused && <p class="notice">{t('previewPaused')}</p>}
        <WidgetPreview store={store} version={previewVersion} brandColor={brandColor} sku={sku} />
      </section>
    </>
  );
}

/** A step's mark: a tick or an open circle beside the words, which say it without the colour. */
function StepStatus({ done, children }: { done: boolean; children: ComponentChildren }) {
  return (
    <span class={done ? 'badge step-done' : 'badge'}>
      <span aria-hidden="true">{done ? '✓ ' : '○ '}</span>
      {children}
    </span>
  );
}
