-- audit_events is keyed by its chain position (tenant_id, seq): the surrogate id and its
-- sequence go, and so does an index nobody used (lower(name) cannot serve ILIKE '%...%').
ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_tenant_seq";--> statement-breakpoint
DROP INDEX "org_employees_name";--> statement-breakpoint
ALTER TABLE "audit_events" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_pkey" PRIMARY KEY("tenant_id","seq");
