import type { Catalogue } from '../format.ts';
import type { growth as en } from './en.ts';

export const growth: Catalogue<typeof en> = {
  postsTitle: '行业资讯与报告',
};
