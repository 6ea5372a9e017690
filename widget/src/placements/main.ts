/**
 * Entry of widget-placements.js, which the loader adds when the page has a placement (now or
 * later): mounts each `data-cardclub` element, renders it from the store's tiers the loader
 * fetched, and shows a signed-in member's own terms once the frame reports them. A page without
 * placements never loads this file.
 */
import { announceChunk, type PlacementMember, type PlacementsModule } from '../contract.ts';
import { memberHint } from '../shared/member-hint.ts';
import { widgetText } from '../shared/messages.ts';
import { mountPlacement, type Placement } from './placement.ts';
import { watchElements } from './watch.ts';

const script = document.currentScript;

/** After the page's own work, so a member's frame never competes with the page loading. */
const whenIdle = (run: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(run, { timeout: 3000 }) : setTimeout(run, 1000));

const placementsModule: PlacementsModule = {
  watchPlacements(document, context) {
    const text = widgetText(context.locale);
    let member: PlacementMember = { tier: null, products: {} };
    let placements: Placement[] = [];
    let skus: string[] = [];
    let frameAsked = false;

    function render(list: Placement[]) {
      if (list.length === 0) return;
      context.tiers().then((store) => {
        if (store) for (const placement of list) placement.render(store, member);
      }, context.onError);
    }

    const watcher = watchElements(document, {
      mount: (element) => mountPlacement(element, { locale: context.locale, text, open: context.open }),
      unmount: (placement) => placement.remove(),
      changed(list) {
        const added = list.filter((placement) => !placements.includes(placement));
        placements = list;
        render(added);
        const next = [...new Set(list.flatMap((placement) => (placement.kind === 'product' && placement.sku ? [placement.sku] : [])))].sort();
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
      },
      rescan: watcher.rescan,
      stop: watcher.stop,
    };
  },
};

announceChunk(script, 'widget-placements.js', placementsModule);
