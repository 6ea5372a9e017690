import type { Catalogue } from '../format.ts';
import type { widget as en } from './en.ts';

export const widget: Catalogue<typeof en> = {
  launcher: '会员权益',
  panelTitle: '{store}会员权益',
  close: '关闭',
  loading: '加载中…',
  loadFailed: '无法加载会员权益。',
  retry: '重试',
  storeNotFound: '该店铺尚未开通会员权益。',
  portalLink: '查看全部权益',
  joinButton: '交换名片',
  signInButton: '会员登录',
  joiningPaused: '{store}目前暂不接受新会员。',
  membershipButton: '会员中心',
  backToBenefits: '返回会员权益',
  frameTitle: '{store}会员',
  frameLoading: '正在打开…',
  frameFailed: '无法打开会员专区。',
  frameFailedLink: '在Cardclub上打开',
  frameLabel: '登录与会员',
};
