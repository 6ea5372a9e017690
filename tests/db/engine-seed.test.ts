/**
 * The demo seed (supabase/seed.sql) is what docs and demos promise: its logins sign in with
 * their documented passwords, and its three buyer companies sit at the three default tiers,
 * each seeing the products that tier unlocks. Read-only: other files may run alongside.
 */
import { describe, expect, it } from 'vitest';
import { anonClient, signIn } from '../support/clients.ts';
import { ok } from './fixtures.ts';

const slug = 'demo-wigs';
const member = (n: number) => signIn({ email: `buyer${n}@demo-wigs.test`, password: 'cardclub-member' });

describe('demo seed', () => {
  it('anon sees the five public products and the teaser counts, not the exclusive ones', async () => {
    const products = ok(await anonClient().from('products').select('sku').eq('store_id', 'd1000000-0000-4000-8000-000000000001'));
    expect(products).toHaveLength(5);
    expect(ok(await anonClient().rpc('tier_teasers', { p_store_slug: slug }))).toEqual([
      { rank: 0, tier_name: 'Ordinary', tier_name_lang: 'en', exclusive_products: 3 },
      { rank: 1, tier_name: 'Senior', tier_name_lang: 'en', exclusive_products: 4 },
      { rank: 2, tier_name: 'VIP', tier_name_lang: 'en', exclusive_products: 7 },
    ]);
  });

  it.each([
    [1, 'Ordinary', 8],
    [2, 'Senior', 9],
    [3, 'VIP', 12],
    [4, 'VIP', 12],
  ])('buyer%i is %s and sees %i products', async (n, tierName, visible) => {
    const client = await member(n);
    const summary = ok(await client.rpc('my_membership', { p_store_slug: slug })) as { tier: { name: string } };
    expect(summary.tier.name).toBe(tierName);
    expect(ok(await client.rpc('store_catalogue', { p_store_slug: slug }))).toHaveLength(visible);
  });

  it('the staff login signs in and sees the sample queue', async () => {
    const staff = await signIn({ email: 'staff@demo-wigs.test', password: 'cardclub-staff' });
    expect(ok(await staff.from('sample_claims').select('status').eq('store_id', 'd1000000-0000-4000-8000-000000000001'))).toEqual([{ status: 'requested' }]);
  });
});
