/*
 * A teaser of a post gated at the store's highest tier said "For VIP members and above" when no
 * tier is above VIP. The feed now says, with the tier that unlocks a post, whether that tier is
 * the store's highest (`tier_top`), so a reader's page words the teaser without loading the
 * store's tiers in another request. Otherwise post_feed is unchanged.
 */

drop function public.post_feed(text, uuid, int, int);

/**
 * A store's feed, newest first: every published post with its title, and body and attachments
 * where the caller's own RLS lets them read the post (`locked` false); otherwise a teaser naming
 * the tier that unlocks it (`tier_name`) and whether no tier of the store ranks above that one
 * (`tier_top`; both null unless the post is gated at a tier). With `p_post_id`, that post alone
 * (PT404 if it is not a published post of the store). Errors: PT404 store not found, post_id ·
 * 22023 limit.
 */
create function public.post_feed(p_store_slug text, p_post_id uuid default null, p_limit int default 20, p_offset int default 0)
returns table (
  id uuid, kind text, title text, locale text, publish_at timestamptz, visibility text, min_tier_rank int,
  tier_name text, tier_top boolean, locked boolean, body text, attachments jsonb, total bigint
)
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
begin
  -- The post first, as every RPC checks the row it names before its other arguments.
  if p_post_id is not null and not exists (select 1 from private.post_teasers(v_store.id) t where t.id = p_post_id) then
    perform private.reject('post_id', 'matches no post', 'PT404');
  end if;
  if p_limit not between 1 and 100 or p_offset < 0 then
    perform private.reject('limit', 'must be 1 to 100, with a non-negative offset');
  end if;
  return query
  select t.id, t.kind, t.title, t.locale, t.publish_at, t.visibility, t.min_tier_rank,
    case when (g.tier).id is not null then private.tier_json(g.tier, null) ->> 'name' end,
    case when (g.tier).id is not null then not exists (
      select 1 from public.tiers y where y.store_id = v_store.id and y.rank > (g.tier).rank) end,
    p.id is null, p.body, p.attachments, count(*) over ()
  from private.post_teasers(v_store.id) t
  left join public.posts p on p.id = t.id
  -- The tier that unlocks a gated post: the lowest at or above its rank.
  left join lateral (
    select x as tier from public.tiers x
    where t.visibility = 'tier' and x.store_id = v_store.id and x.rank >= t.min_tier_rank
    order by x.rank limit 1) g on true
  where p_post_id is null or t.id = p_post_id
  order by t.publish_at desc, t.id
  limit p_limit offset p_offset;
end
$$;

revoke execute on function public.post_feed(text, uuid, int, int) from public, anon, authenticated;
grant execute on function public.post_feed(text, uuid, int, int) to anon, authenticated;
