import type { Catalogue } from '../format.ts';
import type { staff as en } from './en.ts';

export const staff: Catalogue<typeof en> = {
  title: '商家后台',
};
