/**
 * The service role writes orders directly, as docs/api.md says it may (a merchant's own back end
 * with the service key, or a repair script): the orders' row triggers run as their caller, and
 * the functions they call were revoked from public with no grant to service_role, so a paid
 * order inserted so was refused `permission denied for function paid_instant` (payment_instant
 * before 20261214000600) — since 20261209000400, found by the SQL review of this session.
 */
grant execute on function private.payment_instant() to service_role;
grant execute on function private.paid_instant() to service_role;
