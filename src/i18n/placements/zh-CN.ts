import type { Catalogue } from '../format.ts';
import type { placements as en } from './en.ts';

export const placements: Catalogue<typeof en> = {
  inlineJoinTitle: '成为{store}的会员',
  inlineJoinText: '交换名片即可享受会员价和免费样品。',
  teaser: '会员价最高立减{discount}，预付款低至{prepay}',
  teaserNoPrepay: '会员价最高立减{discount}',
  teaserSample: '{teaser}，免费样品',
  teaserBeforeJoin: '{teaser}。',
  teaserJoin: '加入',
  teaserJoinLabel: '加入会员，享受会员价',
  teaserJoinLabelFor: '加入会员，享受{product}的会员价',
  // {tier} is the store's tier name, which in Chinese already ends in 会员 (VIP会员): not said again.
  memberTerms: '您的会员价（{tier}）：{price} · 预付{prepay} · {sample}',
  memberTermsListPrice: '您的会员权益（{tier}）：预付{prepay} · {sample}',
  productActions: '申请样品或询盘',
  productActionsFor: '申请样品或询盘：{product}',
  productAsk: '就此产品询盘',
  productAskFor: '就此产品询盘：{product}',
  inlineMember: '您在本店的会员等级：{tier}。',
};
