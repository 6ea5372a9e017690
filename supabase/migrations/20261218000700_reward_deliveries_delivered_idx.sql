-- The console's Recently delivered (src/lib/console/coupons.ts, loadDelivered): a store's
-- deliveries marked sent or handed over in the last 30 days, newest first. The store's other
-- indexes on the table hold the ones still to send (reward_deliveries_to_send_idx) or go by
-- company; without this one the read filters every delivery the store ever made.
create index reward_deliveries_delivered_idx on public.reward_deliveries (store_id, sent_at desc)
  where sent_at is not null;
