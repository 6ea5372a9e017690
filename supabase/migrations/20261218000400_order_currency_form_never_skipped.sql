/**
 * An order whose currency is not three capitals is refused by the orders' row trigger whatever
 * else is said of it, as before 20261218000110. That migration had the row branch ask
 * private.order_currency_faults and raise only when it answered a fault: the trigger's WHEN and the
 * function's first check hold the same pattern, so it always did, but were either changed the
 * branch would fall through to `return null`, which in a BEFORE row trigger drops the insert or
 * update without an error. The statement branch is unchanged: there the function is the rule.
 *
 * private.check_order_currencies re-created from 20261218000110 with only that change; create or
 * replace keeps its owner, grants and triggers.
 */

/** As in 20261218000110, the row branch refusing every row it is fired for. */
create or replace function private.check_order_currencies()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_stores uuid[];
  v_refs text[];
  v_currencies text[];
  v_rates numeric[];
  -- Whether each row's currency is new to it (changed, or the order moved to another store); null on insert: all are.
  v_new boolean[];
  v_fault record;
begin
  if tg_level = 'ROW' then
    -- Fired only for a currency not in three capitals (its WHEN), ahead of the constraint naming no
    -- field. Raised here without asking the rule: a row this branch let through would be dropped.
    raise exception using errcode = '22023', message = 'currency must be a three-letter ISO 4217 code such as USD',
      detail = jsonb_build_object('field', 'currency', 'reason', 'must be a three-letter ISO 4217 code such as USD',
        'external_ref', new.external_ref)::text;
  end if;
  if tg_op = 'INSERT' then
    select array_agg(n.store_id), array_agg(n.external_ref), array_agg(n.currency), array_agg(n.exchange_rate)
    into v_stores, v_refs, v_currencies, v_rates
    from new_orders n;
  else
    -- Only the rows whose currency, store or rate changed, matched to their old selves by key (a
    -- hash join): an update of anything else checks nothing.
    select array_agg(n.store_id), array_agg(n.external_ref), array_agg(n.currency), array_agg(n.exchange_rate),
      array_agg((n.currency, n.store_id) is distinct from (o.currency, o.store_id))
    into v_stores, v_refs, v_currencies, v_rates, v_new
    from new_orders n join old_orders o on o.id = n.id
    where (n.currency, n.store_id, n.exchange_rate) is distinct from (o.currency, o.store_id, o.exchange_rate);
  end if;
  select n.external_ref, x.fault[1] as field, x.fault[2] as reason into v_fault
  from private.order_currency_faults(v_currencies, v_rates, null,
    array(select s.base_currency::text from unnest(v_stores) with ordinality u (store_id, ord) join public.stores s on s.id = u.store_id order by u.ord),
    v_new) x
  join unnest(v_refs) with ordinality n (external_ref, ord) on n.ord = x.ord
  order by n.external_ref
  limit 1;
  if v_fault.field is not null then
    raise exception using errcode = '22023', message = v_fault.field || ' ' || v_fault.reason,
      detail = jsonb_build_object('field', v_fault.field, 'reason', v_fault.reason, 'external_ref', v_fault.external_ref)::text;
  end if;
  return null;
end
$$;
