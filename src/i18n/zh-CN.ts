/** Simplified Chinese. Keys and sections mirror en.ts. */
import type { Catalogue } from './format.ts';
import type * as en from './en.ts';

/** Areas keep their own sections in their own folders (src/i18n/<area>/<locale>.ts). */
export { member } from './member/zh-CN.ts';
export { join } from './join/zh-CN.ts';
export { staff } from './staff/zh-CN.ts';
export { growth } from './growth/zh-CN.ts';
export { operations } from './operations/zh-CN.ts';

export const site: Catalogue<typeof en.site> = {
  skipLink: '跳到主要内容',
  brand: 'Cardclub',
  navHome: '首页',
  navLogin: '会员登录',
  navMyMembership: '我的会员',
  navConsole: '商家后台',
  footer: '面向跨境 B2B 商家的店铺会员体系。',
  homeTitle: '面向跨境 B2B 商家的店铺会员体系',
  homeIntro: '采购企业通过交换名片加入店铺，查看各等级权益，申领免费样品，追踪积分和返利。商家在一个后台统一管理。',
  homeTiersTitle: '按订单晋升的会员等级',
  homeTiersBody: '普通、高级和 VIP 等级根据统计周期内的已付款订单计算，权益包括折扣、预付款比例、样品和运费。',
  homeDemoLink: '查看演示店铺',
  homeMembersLink: '以会员身份登录',
  homeConsoleLink: '打开商家后台',
  loading: '加载中…',
  storeMissingSlug: '未指定店铺。请从店铺链接打开本页，例如 /store/?s=your-store。',
  storeNotFound: '不存在名为“{slug}”的店铺。',
  storeLoadFailed: '无法加载店铺。请检查网络连接后重试。',
  retry: '重试',
  storeTiersTitle: '会员等级',
  storeProductsTitle: '商品',
  storeNoProducts: '该店铺暂无公开商品。',
  productCustomized: '定制',
  productRegular: '常规',
  joinCta: '登录以加入 {store}',
  emailLabel: '电子邮箱',
  passwordLabel: '密码',
  codeLabel: '6 位验证码',
  consoleTitle: '商家后台',
  consoleSignInTitle: '员工登录',
  consoleSignIn: '登录',
  consoleSignedInAs: '已登录：{email}',
  consoleComingSoon: '店铺设置、等级、商品、样品和会员管理将显示在这里。',
  signOut: '退出登录',
  signingIn: '正在登录…',
  loginTitle: '会员登录',
  loginIntro: '我们会向您的邮箱发送 6 位验证码，无需密码。',
  loginSendCode: '发送验证码',
  loginSending: '正在发送…',
  loginCodeSent: '验证码已发送至 {email}，几分钟内有效。',
  loginVerify: '验证并登录',
  loginDifferentEmail: '使用其他邮箱',
  loginSignedIn: '您已登录：{email}。',
  loginBackToStore: '返回店铺',
};

export const tiers: Catalogue<typeof en.tiers> = {
  ruleJoin: '交换名片即可加入',
  ruleOrders: '已付款订单：{count} 笔或以上',
  ruleAmount: '已付款金额：{amount} 或以上',
  rulePeriod: '按最近 {days} 天统计',
  rulesHeading: '晋升条件',
  rightsHeading: '权益',
  discount: '会员折扣 {percent}',
  prepayRegular: '常规商品预付 {percent}',
  prepayCustomized: '定制商品预付 {percent}',
  samples: '每周期 {count} 件免费样品',
  samplesUnlimited: '免费样品不限量',
  freeFreight: '免运费',
  logisticsUpgrade: '物流升级',
  priorityDelivery: '优先发货',
  points: '{multiplier} 倍积分',
  rebate: '现金返利 {percent}',
};

export const widget: Catalogue<typeof en.widget> = {
  launcher: '会员权益',
  panelTitle: '{store} 会员权益',
  close: '关闭',
  loading: '加载中…',
  loadFailed: '无法加载会员权益。',
  retry: '重试',
  storeNotFound: '该店铺尚未开通会员权益。',
  portalLink: '查看全部权益并加入',
  joinButton: '交换名片',
  signInButton: '会员登录',
  membershipButton: '我的会员',
  backToBenefits: '返回会员权益',
  frameTitle: '{store} 会员',
  frameLoading: '正在打开…',
  inlineJoinTitle: '成为 {store} 的会员',
  inlineJoinText: '交换名片即可享受会员价、免费样品和新会员礼包。',
  teaser: '会员：最高优惠 {discount}，预付款低至 {prepay}',
  teaserSample: '免费样品',
  teaserJoin: '加入',
  memberTerms: '您的 {tier} 价格：{price} · 预付 {prepay} · {sample}',
};
