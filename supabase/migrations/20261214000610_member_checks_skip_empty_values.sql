/**
 * The members' CHECK constraints call their SQL functions only for a value to check.
 *
 * Every update of a member re-checks all of the table's CHECK constraints, whichever columns it
 * sets. refresh_tiers writes every company an import credits (819 of 1,000 rows at the bench's
 * tenth: its balances change, so its `is distinct from` filter keeps them all), and six of those
 * constraints call a SQL function that `set search_path` (required, tests/db/lint.test.ts) keeps
 * from being inlined: a call each, planned on its own. Most companies leave the web site, the
 * purchase volume and the override reason empty, and their categories an empty list (every
 * member of the bench's data).
 *
 * Each constraint now answers an empty value itself, with the function's own answer for it:
 * - industry, website, tier_override_reason: null, which is_single_line, is_web_url and
 *   is_text_block answer with null (the check passes) and the constraint now with true;
 * - purchase_volume: null, which is_purchase_volume accepts;
 * - product_categories: '{}', which are_product_categories accepts (the column is never null).
 * Every other value is checked by the function as before, under the same constraint name, so the
 * same rows are refused with the same error. company_name is never null (its column), so its
 * check is left as it is.
 *
 * Measured on the bench database (BENCH_SCALE=0.1, 1,000 new rows from 864 companies, the
 * backend's CPU, each call rolled back, old and new alternated): the six functions cost an import
 * 28-44 ms (dropped altogether), these guards save 21 ms of it. See bench/README.md, round 28.
 *
 * Re-created from 20261124000100 (industry, website, tier_override_reason) and 20261203000100
 * (purchase_volume, product_categories), otherwise unchanged.
 */
alter table public.members
  drop constraint members_industry_single_line,
  drop constraint members_website_is_a_web_address,
  drop constraint members_tier_override_reason_length,
  drop constraint members_purchase_volume_is_a_range,
  drop constraint members_product_categories_are_names,
  add constraint members_industry_single_line check (industry is null or private.is_single_line(industry)),
  add constraint members_website_is_a_web_address check (website is null or private.is_web_url(website)),
  add constraint members_tier_override_reason_length
    check (tier_override_reason is null or (length(tier_override_reason) <= 500 and private.is_text_block(tier_override_reason))),
  add constraint members_purchase_volume_is_a_range check (purchase_volume is null or private.is_purchase_volume(purchase_volume)),
  add constraint members_product_categories_are_names
    check (product_categories = '{}' or private.are_product_categories(product_categories));
