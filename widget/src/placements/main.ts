/**
 * Entry of widget-placements.js, which the loader adds only when the page has placements: the
 * teaser, join card and tier cards with their strings and stylesheet, so a page with the
 * launcher alone never parses them. Hands the loader its module through an event on this
 * script's own element, as the panel does.
 */
import { placementsReadyEvent, type PlacementsModule } from '../contract.ts';
import { mountPlacement } from './placement.ts';

const script = document.currentScript;
const placementsModule: PlacementsModule = { mountPlacement };

if (script) script.dispatchEvent(new CustomEvent(placementsReadyEvent, { detail: placementsModule }));
else console.error('[Cardclub widget] widget-placements.js must be loaded by widget.js.');
