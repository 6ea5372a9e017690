/**
 * public.moved_order_ref (20261214000700) finds the credit or take-back a tier move followed by the
 * company, the store and the move's instant (created_at = changed_at), with a reason it is passed
 * as a parameter, so no partial index serves it: each history row read the company's whole points
 * and rebate ledgers by (member_id, store_id) and filtered them (a company of 3,000 paid orders and
 * 61 moves: 50 history rows in 143 ms, 3,000 ledger rows read and dropped per row).
 *
 * The companies' indexes of both ledgers gain the instant as a third column. Their leading columns
 * are those of the indexes they replace, so every read by the company (the balances, the member
 * page's ledgers, the foreign key's cascade) still uses them, and the instant is one timestamp more
 * per entry for the import to write.
 */
drop index public.points_ledger_member_store_idx;
create index points_ledger_member_store_created_idx on public.points_ledger (member_id, store_id, created_at);
drop index public.rebate_ledger_member_store_idx;
create index rebate_ledger_member_store_created_idx on public.rebate_ledger (member_id, store_id, created_at);
