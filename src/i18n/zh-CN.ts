/** Simplified Chinese. Keys and sections mirror en.ts. */
export { site } from './site/zh-CN.ts';
export { tiers } from './tiers/zh-CN.ts';
export { widget } from './widget/zh-CN.ts';
export { placements } from './placements/zh-CN.ts';
export { member } from './member/zh-CN.ts';
export { join } from './join/zh-CN.ts';
export { staff } from './staff/zh-CN.ts';
export { growth } from './growth/zh-CN.ts';
export { operations } from './operations/zh-CN.ts';
