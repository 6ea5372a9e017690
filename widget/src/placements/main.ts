/**
 * Entry of widget-placements.js, which the loader adds when the page has a placement (now or
 * later): mounts each `data-cardclub` element, renders it from the store's tiers the loader
 * fetched, and shows a signed-in member's own terms once the frame reports them. A page without
 * placements never loads this file.
 */
import { announceChunk, type PlacementMember, type PlacementsModule } from '../contract.ts';
import type { PublicTiers } from '../core/store.ts';
import { memberHint } from '../shared/member-hint.ts';
import { placementText } from '../shared/messages.ts';
import { publicProducts, type PublicProduct } from './public-products.ts';
import { mountPlacement, type Placement } from './placement.ts';
import { watchElements } from './watch.ts';

const script = document.currentScript;

/** After the page's own work, so a member's frame never competes with the page loading. */
const whenIdle = (run: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(run, { timeout: 3000 }) : setTimeout(run, 1000));

const placementsModule: PlacementsModule = {
  watchPlacements(document, context) {
    const text = placementText(context.locale);
    let member: PlacementMember = { tier: null, tierLang: null, products: {} };
    let placements: Placement[] = [];
    let skus: string[] = [];
    let frameAsked = false;

    /** Each product SKU's kind and name, read with the other SKUs that came with it (one request per batch). */
    const products = new Map<string, Promise<PublicProduct | undefined>>();
    const unknownSaid = new Set<string>();
    const notPublicSaid = new Set<string>();

    /**
     * Draws the placements that came together once the store's tiers and their products' kinds are
     * read, all in one go: a join card drawn before the product teasers above it would be pushed
     * down when they appear (a layout shift, seen in the bench), and a product's teaser is drawn once.
     */
    function render(list: Placement[]) {
      const ofProducts = Promise.all(list.map((placement) => (placement.sku === undefined ? undefined : products.get(placement.sku))));
      Promise.all([context.tiers(), ofProducts]).then(([store, found]) => {
        if (store) list.forEach((placement, index) => placement.render(store, member, found[index]));
      }, context.onError);
    }

    /**
     * Says in the console which SKUs match no product, where that can be decided: for a member of
     * the top tier, who sees every active product of the store, once the frame reported terms for
     * some of the page's products (none at all may be a read that failed). A visitor cannot tell
     * a SKU the store lacks from an exclusive product.
     */
    function sayUnknown(store: PublicTiers | null) {
      const top = store?.tiers[store.tiers.length - 1];
      if (!top || member.tier !== top.name || Object.keys(member.products).length === 0) return;
      for (const sku of skus) {
        if (member.products[sku] || unknownSaid.has(sku)) continue;
        unknownSaid.add(sku);
        console.warn(`[Cardclub widget] data-sku="${sku}" matches no active product of store "${context.store}" (SKUs match exactly as the store writes them, case included).`);
      }
    }

    /**
     * Says as soon as the visitor's read of the page's products is back which SKUs are no public
     * product of the store: a visitor cannot tell a SKU the store lacks from an exclusive product,
     * so the integrator is told it may be one. Not after a failed read, nor for a store that does
     * not exist (the store's read says that).
     */
    function sayNotPublic(asked: string[], found: Map<string, PublicProduct> | null) {
      context.tiers().then((store) => {
        if (!store || !found) return;
        for (const sku of asked) {
          if (found.has(sku) || notPublicSaid.has(sku)) continue;
          notPublicSaid.add(sku);
          console.warn(
            `[Cardclub widget] data-sku="${sku}" is not a public product of store "${context.store}": it may be a members-only product, whose terms only members whose tier sees it get; otherwise no product has it (SKUs match exactly as the store writes them, case included).`,
          );
        }
      }, () => undefined);
    }

    const watcher = watchElements(document, {
      mount: (element) => mountPlacement(element, { locale: context.locale, text, open: context.open }),
      unmount: (placement) => placement.remove(),
      changed(list) {
        const added = list.filter((placement) => !placements.includes(placement));
        placements = list;
        const next = [...new Set(list.flatMap((placement) => (placement.kind === 'product' && placement.sku ? [placement.sku] : [])))].sort();
        const unread = next.filter((sku) => !products.has(sku));
        if (unread.length > 0) {
          // A failed read (null) leaves those products' teasers without a prepayment figure.
          const read = publicProducts(context.store, unread, context.locale).catch((error: unknown) => {
            context.onError(error);
            return null;
          });
          for (const sku of unread) products.set(sku, read.then((found) => found?.get(sku)));
          void read.then((found) => sayNotPublic(unread, found));
        }
        render(added);
        if (next.join('\n') !== skus.join('\n')) {
          skus = next;
          context.skus(skus);
        }
        // Member terms need the frame; only a page that last saw a member signed in loads it unasked.
        if (!frameAsked && list.some((placement) => placement.kind !== 'benefits')) {
          frameAsked = true;
          whenIdle(async () => {
            if (await memberHint(context.store)) context.loadFrame();
          });
        }
      },
      onError: context.onError,
    });

    return {
      member(terms) {
        member = terms;
        render(placements);
        context.tiers().then(sayUnknown, () => undefined);
      },
      rescan: watcher.rescan,
      stop: watcher.stop,
    };
  },
};

announceChunk(script, 'widget-placements.js', placementsModule);
