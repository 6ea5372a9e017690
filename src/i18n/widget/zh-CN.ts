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
  portalLink: '查看全部权益并加入',
  joinButton: '交换名片',
  signInButton: '会员登录',
  membershipButton: '会员中心',
  backToBenefits: '返回会员权益',
  frameTitle: '{store}会员',
  frameLoading: '正在打开…',
  inlineJoinTitle: '成为{store}的会员',
  inlineJoinText: '交换名片即可享受会员价、免费样品和新会员礼包。',
  teaser: '会员价最高立减{discount}，预付款低至{prepay}',
  teaserSample: '免费样品',
  teaserJoin: '加入',
  memberTerms: '{tier}会员价：{price} · 预付{prepay} · {sample}',
  memberTermsListPrice: '{tier}会员权益：预付{prepay} · {sample}',
  frameLabel: '登录与会员',
  inlineMember: '您是本店{tier}会员。',
};
