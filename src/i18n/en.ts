/**
 * English, the reference catalogue: the other locales must have exactly these keys (the type
 * checker and tests/unit/i18n.test.ts both hold them to it). Every section lives in its own file
 * (src/i18n/<section>/<locale>.ts) so a page loads only its sections in its locale
 * (sections.ts), and the widget bundles only `tiers`, `widget` and (its placements) `placements`.
 */
export { site } from './site/en.ts';
export { tiers } from './tiers/en.ts';
export { widget } from './widget/en.ts';
export { placements } from './placements/en.ts';
export { member } from './member/en.ts';
export { join } from './join/en.ts';
export { staff } from './staff/en.ts';
export { growth } from './growth/en.ts';
export { operations } from './operations/en.ts';
