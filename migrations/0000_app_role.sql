-- The application role. It owns no table, so row-level security always applies to it.
-- Roles are cluster-wide: several Simpul databases on one cluster share this role.
DO $$
BEGIN
  CREATE ROLE simpul_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION
  -- Already there (another database of this cluster, or a concurrent first migration).
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
-- The migrating (owner) role must be able to SET ROLE simpul_app for single-URL installs.
DO $$
BEGIN
  EXECUTE format('GRANT simpul_app TO %I', current_user);
EXCEPTION WHEN others THEN
  RAISE NOTICE 'could not grant simpul_app to %: %', current_user, SQLERRM;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO simpul_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO simpul_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO simpul_app;
--> statement-breakpoint
GRANT USAGE ON SCHEMA drizzle TO simpul_app;
--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO simpul_app;
