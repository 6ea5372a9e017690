/** Spanish. Keys and sections mirror en.ts. */
export { site } from './site/es.ts';
export { tiers } from './tiers/es.ts';
export { widget } from './widget/es.ts';
export { placements } from './placements/es.ts';
export { member } from './member/es.ts';
export { join } from './join/es.ts';
export { staff } from './staff/es.ts';
export { growth } from './growth/es.ts';
export { operations } from './operations/es.ts';
