/**
 * mark_reward_sent checks its arguments in their order again, the note first: 20261218000300
 * cleaned the carrier and tracking number before it, so a shipped delivery with a bad note and a
 * bad carrier, refused on `note` until then, was refused on `carrier`. And a handed-over delivery
 * refuses a carrier or tracking number for being given at all, before any check of its form: a
 * malformed tracking number was answered with the format a carrier's takes, for a reward nobody
 * ships. Blank is none, as the cleaning takes it.
 *
 * private.mark_reward_sent re-created from 20261218000300 with only those changes; create or
 * replace keeps its grants and the public wrapper.
 */

/** As in 20261218000300, the note checked first, and a handed-over delivery's carrier and tracking number refused as given. */
create or replace function private.mark_reward_sent(p_points_entry_id bigint, p_note text, p_carrier text, p_tracking_number text)
returns public.reward_deliveries
language plpgsql security definer
set search_path = ''
as $$
declare
  v_delivery public.reward_deliveries;
  v_user uuid;
  v_note text;
  v_carrier text;
  v_tracking text;
begin
  select * into v_delivery from public.reward_deliveries d
  where d.points_entry_id = p_points_entry_id and private.can_read_company_row(d.store_id, d.member_id)
  for update;
  if v_delivery.points_entry_id is null then
    perform private.reject('points_entry_id', 'matches no reward to send', 'PT404');
  end if;
  v_user := private.require_staff_of(v_delivery.store_id);
  if v_delivery.sent_at is not null then
    perform private.reject('delivery', format('was already marked sent at %s', v_delivery.sent_at), 'P0001');
  end if;
  v_note := private.clean_line('note', p_note, 200);
  if v_delivery.delivery = 'handed_over' then
    if nullif(btrim(p_carrier), '') is not null then
      perform private.reject('carrier', 'is not taken: this reward is handed over, not shipped');
    end if;
    if nullif(btrim(p_tracking_number), '') is not null then
      perform private.reject('tracking_number', 'is not taken: this reward is handed over, not shipped');
    end if;
  else
    v_carrier := private.clean_line('carrier', p_carrier, 100);
    v_tracking := private.clean_tracking_number(p_tracking_number);
  end if;

  update public.reward_deliveries d
  set sent_at = now(), sent_by = v_user, sent_note = v_note, carrier = v_carrier, tracking_number = v_tracking
  where d.points_entry_id = v_delivery.points_entry_id
  returning * into v_delivery;
  return v_delivery;
end
$$;
