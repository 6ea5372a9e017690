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
  frameFailed: '无法打开会员专区。',
  frameFailedLink: '在Cardclub上打开',
  inlineJoinTitle: '成为{store}的会员',
  inlineJoinText: '交换名片即可享受会员价和免费样品。',
  teaser: '会员价最高立减{discount}，预付款低至{prepay}',
  teaserSample: '{teaser}，免费样品',
  teaserBeforeJoin: '{teaser}。',
  teaserJoin: '加入',
  teaserJoinLabel: '加入会员，享受会员价',
  // {tier} is the store's tier name, which in Chinese already ends in 会员 (VIP会员): not said again.
  memberTerms: '您的会员价（{tier}）：{price} · 预付{prepay} · {sample}',
  memberTermsListPrice: '您的会员权益（{tier}）：预付{prepay} · {sample}',
  productActions: '申请样品或询盘',
  frameLabel: '登录与会员',
  inlineMember: '您在本店的会员等级：{tier}。',
};
