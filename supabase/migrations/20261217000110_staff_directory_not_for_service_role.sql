/**
 * staff_directory is for staff, by login: its private function is granted to `authenticated`
 * alone, but the public wrapper kept the service role's EXECUTE from the schema's default
 * privileges, so a back end's call was let in and refused inside. Revoked, as
 * store_order_changes' is (20261216000200): the wrapper's grants are the roles that may call it.
 */
revoke execute on function public.staff_directory(uuid) from service_role;
