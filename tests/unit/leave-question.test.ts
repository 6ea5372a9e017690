import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { translator } from '../../src/i18n/format.ts';
import { companyLeaving, samplesCancelled } from '../../src/components/member/leave-question.ts';

const held = { code: 'WALK-5' } as never;
const membership = {
  member: { company_name: 'Salon {store} Ltd.' },
  contact: { id: 'me', role: 'primary', full_name: 'Mariana López' },
  contacts_count: 1,
  points: { balance: 1250, soonest_expiry: null },
  rebates: { balance: 42.1, currency: 'USD' },
  coupons: { claimed: [held, held], claimable: [] },
} as unknown as Parameters<typeof companyLeaving>[0];

describe('leaving as the company\'s last contact', () => {
  it.each([
    ['en', '\u2068Salon {store} Ltd.\u2069 has no other contact here, so it leaves too: its details are deleted, and its \u20681,250 points\u2069, \u2068US$42.10 rebate balance\u2069, and \u20682 coupons\u2069 can no longer be used. Joining again later starts a new membership: the tier and order history of \u2068Salon {store} Ltd.\u2069 do not carry over.'],
    ['es', '\u2068Salon {store} Ltd.\u2069 no tiene otro contacto aquí, así que también se da de baja: se borran sus datos y ya no podrá usar \u2068sus 1250 puntos\u2069, \u2068su saldo de bonificaciones de 42,10\u00a0US$\u2069 y \u2068sus 2 cupones\u2069. Si vuelves a unirte más adelante, será una membresía nueva: el nivel y el historial de pedidos de \u2068Salon {store} Ltd.\u2069 no pasan a ella.'],
    ['zh-CN', '您是\u2068Salon {store} Ltd.\u2069的最后一位联系人：公司也将随之退出，公司资料将被删除，\u20681,250积分\u2069、\u2068US$42.10返利余额\u2069和\u20682张优惠券\u2069也无法再使用。日后重新入会将开始新的会员资格，\u2068Salon {store} Ltd.\u2069的等级和订单记录不会延续。'],
  ] as const)('%s: names the points, rebate balance with its currency and coupons the company can no longer use, and that a new membership starts afresh', (locale, sentence) => {
    expect(companyLeaving(membership, translator(catalogues[locale].member), locale)).toBe(sentence);
  });

  it('names only what the company holds, in the singular for one, and says nothing while colleagues stay', () => {
    const t = translator(catalogues.en.member);
    const one = { ...membership, points: { balance: 0, soonest_expiry: null }, rebates: { balance: 0, currency: 'USD' }, coupons: { claimed: [held], claimable: [] } };
    const anew = ' Joining again later starts a new membership: the tier and order history of \u2068Salon {store} Ltd.\u2069 do not carry over.';
    expect(companyLeaving(one, t, 'en')).toBe(`\u2068Salon {store} Ltd.\u2069 has no other contact here, so it leaves too: its details are deleted, and its \u20681 coupon\u2069 can no longer be used.${anew}`);
    expect(companyLeaving({ ...one, coupons: { claimed: [], claimable: [] } }, t, 'en')).toBe(`\u2068Salon {store} Ltd.\u2069 has no other contact here, so it leaves too and its details are deleted.${anew}`);
    expect(companyLeaving({ ...membership, contacts_count: 2 }, t, 'en')).toBeNull();
  });
});

// Said beside the button, before anyone is asked: what leave_store keeps, anonymised, once the
// company has left (docs/api.md), and the login's ID on what it claimed. private.erase_company
// clears the company's country too: only the addresses samples and rewards went to keep theirs
// ("no addresses beyond the country" had the buyer believe the country stayed). The store keeping "only
// anonymous order totals" had the buyer decide on less than the truth.
describe('what the store keeps once the company has left', () => {
  it.each([
    ['en', ['orders', 'amounts', 'currencies', 'dates', 'status', 'points and rebate history', 'coupons', 'tier history', 'sample requests', 'without its name, country or contact details', 'the addresses samples and rewards were sent to keep only their country', 'login’s ID']],
    ['es', ['pedidos', 'importes', 'monedas', 'fechas', 'estado', 'historial de puntos y bonificaciones', 'cupones', 'historial de niveles', 'solicitudes de muestras', 'sin su nombre, su país ni sus datos de contacto', 'muestras y recompensas, solo el país', 'Tus solicitudes quedan asociadas al ID de tu cuenta']],
    ['zh-CN', ['订单', '金额', '币种', '日期', '状态', '积分和返利明细', '优惠券', '等级变动记录', '样品申请', '不含公司名称、国家和联系方式', '寄送样品和奖励的地址只留国家', '账号的ID']],
  ] as const)('%s: names every record kept, and the login on what it claimed', (locale, kept) => {
    const { leaveExplain, leaveKept } = catalogues[locale].member;
    for (const record of kept) expect(leaveKept).toContain(record);
    expect(`${leaveExplain} ${leaveKept}`).not.toMatch(/only anonymous|solo conserva|仅保留/);
  });
});

describe('leaving as the company\'s primary contact while colleagues stay', () => {
  const staying = { ...membership, contacts_count: 3 };
  // Longest-standing first, as fetchCompany reads them and private.hand_over_primary picks.
  const contacts = [{ id: 'me', full_name: 'Mariana López' }, { id: 'c1', full_name: 'Chen Wei' }, { id: 'c2', full_name: 'Ana {store} Ruiz' }];

  it.each([
    ['en', '\u2068Chen Wei\u2069 becomes the primary contact of \u2068Salon {store} Ltd.\u2069, which keeps its membership.'],
    ['es', '\u2068Chen Wei\u2069 pasará a ser el contacto principal de \u2068Salon {store} Ltd.\u2069, que sigue siendo miembro.'],
    ['zh-CN', '\u2068Chen Wei\u2069将成为\u2068Salon {store} Ltd.\u2069的主联系人，公司会员资格保留。'],
  ] as const)('%s: names the longest-standing colleague, who takes over', (locale, sentence) => {
    expect(companyLeaving(staying, translator(catalogues[locale].member), locale, contacts)).toBe(sentence);
  });

  it('passes over the member\'s own card wherever it stands, and says nothing from a colleague or before the contacts are read', () => {
    const t = translator(catalogues.en.member);
    expect(companyLeaving(staying, t, 'en', [contacts[2]!, contacts[0]!, contacts[1]!])).toBe(
      '\u2068Ana {store} Ruiz\u2069 becomes the primary contact of \u2068Salon {store} Ltd.\u2069, which keeps its membership.');
    expect(companyLeaving({ ...staying, contact: { ...staying.contact, role: 'colleague' } }, t, 'en', contacts)).toBeNull();
    expect(companyLeaving(staying, t, 'en')).toBeNull();
  });
});

describe('the sample requests leaving cancels', () => {
  const claim = (status: string, contact_id: string | null, name: string | null) => ({ status, contact_id, products: name === null ? null : { name } }) as never;
  const claims = [
    claim('requested', 'me', 'Bob Wig 12"'),
    claim('approved', 'me', null),
    claim('shipped', 'me', 'Lace Front'),
    claim('requested', 'c1', 'Glueless Unit'),
  ];

  it.each([
    ['en', 'Your sample requests for \u2068Bob Wig 12"\u2069 and \u2068A product no longer listed\u2069, not shipped yet, will be cancelled.', 'Your sample request for \u2068Bob Wig 12"\u2069, not shipped yet, will be cancelled.'],
    ['es', 'Tus solicitudes de muestras de \u2068Bob Wig 12"\u2069 y \u2068Un producto que ya no está en el catálogo\u2069, aún sin enviar, se cancelarán.', 'Tu solicitud de muestra de \u2068Bob Wig 12"\u2069, aún sin enviar, se cancelará.'],
    ['zh-CN', '您尚未寄出的\u2068Bob Wig 12"\u2069和\u2068已下架的产品\u2069样品申请将被取消。', '您尚未寄出的\u2068Bob Wig 12"\u2069样品申请将被取消。'],
  ] as const)('%s: names the member\'s own requests not shipped yet, in the singular for one', (locale, several, one) => {
    const t = translator(catalogues[locale].member);
    expect(samplesCancelled(claims, 'me', t, locale)).toBe(several);
    expect(samplesCancelled([claims[0]!, claims[2]!], 'me', t, locale)).toBe(one);
  });

  it('says nothing of shipped ones, a colleague\'s, or before the claims are read', () => {
    const t = translator(catalogues.en.member);
    expect(samplesCancelled([claims[2]!, claims[3]!], 'me', t, 'en')).toBeNull();
    expect(samplesCancelled(undefined, 'me', t, 'en')).toBeNull();
  });
});
