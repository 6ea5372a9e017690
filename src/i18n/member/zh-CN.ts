import type { Catalogue } from '../format.ts';
import type { member as en } from './en.ts';

export const member: Catalogue<typeof en> = {
  title: '我的会员',
};
