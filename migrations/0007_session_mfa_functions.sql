-- The session lookup also reports whether the session may only enrol a second factor.
DROP FUNCTION identity_session_principal(text, integer);
--> statement-breakpoint
CREATE FUNCTION identity_session_principal(p_hash text, p_idle_minutes integer)
RETURNS TABLE (
  via text, id uuid, "userId" uuid, username text, "employeeId" uuid, scopes text[],
  "lastSeen" timestamptz, roles json, "actorSet" text, "mfaEnrolmentRequired" boolean,
  amr text[]
)
LANGUAGE plpgsql VOLATILE AS $fn$
BEGIN
  RETURN QUERY
  SELECT 'session'::text, s.id, s.user_id, u.username, u.employee_id, NULL::text[],
         s.last_seen_at,
         coalesce((SELECT json_agg(json_build_object('role', r.role, 'agencyId', r.agency_id))
                     FROM identity_role_assignments r WHERE r.user_id = u.id), '[]'::json),
         set_config('app.user_id', u.id::text, true),
         s.mfa_enrolment_required, s.amr
    FROM identity_sessions s JOIN identity_users u ON u.id = s.user_id
   WHERE s.token_hash = p_hash AND s.revoked_at IS NULL AND s.expires_at > now()
     AND s.last_seen_at > now() - make_interval(mins => p_idle_minutes)
     AND u.status = 'active';
END
$fn$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION identity_session_principal(text, integer) TO simpul_app;
--> statement-breakpoint
-- Expired provider records and sign-in steps of every tenant, removed by the hourly job. It runs
-- with the owner's rights because the job has no tenant; it deletes only what has expired.
CREATE FUNCTION identity_purge_expired() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
DECLARE
  n bigint := 0;
  m bigint;
BEGIN
  DELETE FROM identity_oidc_payloads WHERE expires_at < now() - interval '1 hour';
  GET DIAGNOSTICS m = ROW_COUNT; n := n + m;
  DELETE FROM identity_auth_flows WHERE expires_at < now() - interval '1 day';
  GET DIAGNOSTICS m = ROW_COUNT; n := n + m;
  DELETE FROM identity_signing_keys WHERE unpublish_at < now() - interval '30 days';
  GET DIAGNOSTICS m = ROW_COUNT; n := n + m;
  RETURN n;
END
$fn$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION identity_purge_expired() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION identity_purge_expired() TO simpul_app;
