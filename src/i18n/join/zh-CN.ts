import type { Catalogue } from '../format.ts';
import type { join as en } from './en.ts';

export const join: Catalogue<typeof en> = {
  title: '交换名片',
};
