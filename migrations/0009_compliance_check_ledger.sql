CREATE TABLE "compliance_check_totals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"weights" jsonb NOT NULL,
	"digest" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "compliance_check_totals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "compliance_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"weights" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "compliance_checks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_check_totals_tenant" ON "compliance_check_totals" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_checks_subject" ON "compliance_checks" USING btree ("tenant_id","subject_id");--> statement-breakpoint
CREATE POLICY "compliance_check_totals_tenant_isolation" ON "compliance_check_totals" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "compliance_checks_tenant_isolation" ON "compliance_checks" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);