-- Credential lookups as PL/pgSQL functions: their plans are cached per connection, and a call
-- can travel in the same round trip as BEGIN (see ADR 0005). SECURITY INVOKER (the default):
-- row-level security applies to the caller, simpul_app, as for any other query.
-- Each sets app.user_id for the rest of the transaction when it finds a live credential.
CREATE FUNCTION identity_token_principal(p_hash text)
RETURNS TABLE (
  via text, id uuid, "userId" uuid, username text, "employeeId" uuid, scopes text[],
  "lastSeen" timestamptz, roles json, "actorSet" text
)
LANGUAGE plpgsql VOLATILE AS $fn$
BEGIN
  RETURN QUERY
  SELECT 'token'::text, t.id, t.user_id, u.username, u.employee_id, t.scopes,
         coalesce(t.last_used_at, t.created_at),
         coalesce((SELECT json_agg(json_build_object('role', r.role, 'agencyId', r.agency_id))
                     FROM identity_role_assignments r WHERE r.user_id = u.id), '[]'::json),
         set_config('app.user_id', u.id::text, true)
    FROM identity_api_tokens t JOIN identity_users u ON u.id = t.user_id
   WHERE t.token_hash = p_hash AND t.revoked_at IS NULL AND t.expires_at > now()
     AND u.status = 'active';
END
$fn$;
--> statement-breakpoint
CREATE FUNCTION identity_session_principal(p_hash text, p_idle_minutes integer)
RETURNS TABLE (
  via text, id uuid, "userId" uuid, username text, "employeeId" uuid, scopes text[],
  "lastSeen" timestamptz, roles json, "actorSet" text
)
LANGUAGE plpgsql VOLATILE AS $fn$
BEGIN
  RETURN QUERY
  SELECT 'session'::text, s.id, s.user_id, u.username, u.employee_id, NULL::text[],
         s.last_seen_at,
         coalesce((SELECT json_agg(json_build_object('role', r.role, 'agencyId', r.agency_id))
                     FROM identity_role_assignments r WHERE r.user_id = u.id), '[]'::json),
         set_config('app.user_id', u.id::text, true)
    FROM identity_sessions s JOIN identity_users u ON u.id = s.user_id
   WHERE s.token_hash = p_hash AND s.revoked_at IS NULL AND s.expires_at > now()
     AND s.last_seen_at > now() - make_interval(mins => p_idle_minutes)
     AND u.status = 'active';
END
$fn$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION identity_token_principal(text), identity_session_principal(text, integer) TO simpul_app;
