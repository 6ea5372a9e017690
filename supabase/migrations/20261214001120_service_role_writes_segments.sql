/**
 * The service role writes segments directly, as it does orders (20261214000900): the segments'
 * row trigger private.check_segment runs as its caller and calls private.segment_filters, which
 * calls segment_strings and segment_instant, none executable by service_role, so an insert with
 * the service key was refused `permission denied for function segment_filters`. A store's
 * texts' trigger private.guard_default_locale calls private.texts_lacking_locale alike.
 * The lint invoker_trigger_calls_denied_to_service_role (tests/db/lints.ts) keeps the next one out.
 */
grant execute on function private.segment_filters(uuid, jsonb) to service_role;
grant execute on function private.segment_strings(text, jsonb, integer) to service_role;
grant execute on function private.segment_instant(text, jsonb) to service_role;
grant execute on function private.texts_lacking_locale(uuid, text) to service_role;
