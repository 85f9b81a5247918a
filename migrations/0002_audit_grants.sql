-- The audit trail is append-only for the application: no UPDATE, no DELETE, no TRUNCATE.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM simpul_app;
--> statement-breakpoint
REVOKE INSERT, DELETE, TRUNCATE ON audit_heads FROM simpul_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_verifications FROM simpul_app;
--> statement-breakpoint
-- Tenants are created and removed by the operator (simpul setup), never through the app role.
REVOKE INSERT, DELETE, TRUNCATE ON tenants FROM simpul_app;
