/**
 * What global-setup.ts hands the specs (through the environment, which Playwright passes
 * from global setup to its workers), and small helpers on top of it.
 */
import pg from 'pg';

export interface BrowserTestEnv {
  /** The built portal, e.g. http://127.0.0.1:41234. */
  portalUrl: string;
  /** The demo merchant page on another origin, e.g. http://localhost:41235. */
  demoUrl: string;
  /** The `astro build` output the portal is served from (pages, `_astro/` bundles, widget files). */
  portalDir: string;
  apiUrl: string;
  dbUrl: string;
  inboxUrl: string;
  /** The one key the build may carry. */
  anonKey: string;
  serviceRoleKey: string;
  /** Only for checking that no built file contains it. */
  jwtSecret: string;
}

const variable = 'CARDCLUB_BROWSER_TEST_ENV';

export function publishEnv(env: BrowserTestEnv): void {
  process.env[variable] = JSON.stringify(env);
}

export function testEnv(): BrowserTestEnv {
  const value = process.env[variable];
  if (!value) throw new Error(`${variable} is not set: run the browser tests through tests/playwright.config.ts.`);
  return JSON.parse(value) as BrowserTestEnv;
}

/** Direct SQL as postgres, to read what the page should show. */
export async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: testEnv().dbUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Adds `count` products to the store at `slug`: SKU `<prefix>-n`, English name `<name> nn`
 * (two digits, so they sort as numbered), price 10 + n USD.
 */
export async function addProducts(slug: string, { prefix, name, count, visibility }: { prefix: string; name: string; count: number; visibility: 'public' | 'members' }): Promise<void> {
  await sql(
    `insert into public.products (store_id, sku, name, price, currency, visibility)
     select s.id, $2::text || '-' || n, jsonb_build_object('en', format('%s %s', $3::text, lpad(n::text, 2, '0'))), 10 + n, 'USD', $5
     from public.stores s, generate_series(1, $4::int) n where s.slug = $1`,
    [slug, prefix, name, count, visibility],
  );
}

/** Copies the seeded demo store's products (only `productId` when given) into a store; returns the copies' ids. */
export async function copyDemoProducts(storeId: string, productId: string | null = null): Promise<string[]> {
  const copies = await sql<{ id: string }>(
    `insert into public.products (store_id, sku, name, description, kind, price, currency, moq, visibility, min_tier_rank)
     select $1, sku, name, description, kind, price, currency, moq, visibility, min_tier_rank from public.products
     where store_id = 'd1000000-0000-4000-8000-000000000001' and ($2::uuid is null or id = $2) returning id`, [storeId, productId]);
  return copies.map((copy) => copy.id);
}

/** The subjects of every e-mail to `email` in the dev inbox, newest first. */
export async function subjectsTo(email: string): Promise<string[]> {
  const { inboxUrl } = testEnv();
  const found = (await (await fetch(`${inboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`)).json()) as { messages: { Subject: string }[] };
  return found.messages.map((message) => message.Subject);
}

/** The 6-digit code in the newest message to `email` in the dev inbox (Mailpit's API), waited for as long as an expect waits. */
export async function latestOtpFor(email: string, timeoutMs = 10_000): Promise<string> {
  const { inboxUrl } = testEnv();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { messages } = (await (await fetch(`${inboxUrl}/api/v1/messages`)).json()) as {
      messages: { ID: string; To: { Address: string }[]; Created: string }[];
    };
    const newest = messages
      .filter((message) => message.To.some((to) => to.Address.toLowerCase() === email.toLowerCase()))
      .sort((a, b) => b.Created.localeCompare(a.Created))[0];
    if (newest) {
      const { Text } = (await (await fetch(`${inboxUrl}/api/v1/message/${newest.ID}`)).json()) as { Text: string };
      const code = /\b(\d{6})\b/.exec(Text)?.[1];
      if (code) return code;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No code for ${email} in the dev inbox within ${timeoutMs} ms`);
}
