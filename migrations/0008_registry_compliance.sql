CREATE TABLE "org_ict_appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"decree_number" text NOT NULL,
	"decree_date" date NOT NULL,
	"competence" text,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "org_ict_appointments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "catalog_application_apis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"name" text NOT NULL,
	"version" text DEFAULT 'v1' NOT NULL,
	"base_url" text,
	"openapi_url" text,
	"openapi_sha256" text,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_application_apis" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "catalog_application_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_sha256" text,
	"file_name" text,
	"content_type" text,
	"size" integer,
	"url" text,
	"note" text,
	"delivered_by" uuid,
	"delivered_by_name" text,
	"delivered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_application_documents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "catalog_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"ref_code" text,
	"ref_code_set_id" uuid,
	"review_state" text DEFAULT 'pending' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"developer" text NOT NULL,
	"vendor_name" text,
	"contract_ref" text,
	"licence" text NOT NULL,
	"licence_name" text,
	"repository_url" text,
	"copyright_holder" text,
	"hosting" text NOT NULL,
	"hosting_country" text DEFAULT 'ID' NOT NULL,
	"hosting_provider" text,
	"provider_indonesian_entity" boolean,
	"urls" text[] DEFAULT '{}'::text[] NOT NULL,
	"sso_client_id" text,
	"security_class" text DEFAULT 'T' NOT NULL,
	"lifecycle" text NOT NULL,
	"assessed_at" date,
	"assessment_result" text,
	"duplicates_id" uuid,
	"ran_before_shared" boolean
);
--> statement-breakpoint
ALTER TABLE "catalog_applications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "catalog_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"record_kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"action" text NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"base_version" integer NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"submitted_by" uuid,
	"submitted_by_name" text,
	"reviewed_by" uuid,
	"reviewed_by_name" text,
	"reviewed_at" timestamp with time zone,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_change_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "catalog_code_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"prefix" text NOT NULL,
	"version" text NOT NULL,
	"source" text NOT NULL,
	"current" boolean DEFAULT false NOT NULL,
	"code_count" integer DEFAULT 0 NOT NULL,
	"loaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_code_sets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "catalog_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code_set_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_code" text,
	"level" integer NOT NULL,
	"description" text
);
--> statement-breakpoint
ALTER TABLE "catalog_codes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "catalog_data_assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"ref_code" text,
	"ref_code_set_id" uuid,
	"review_state" text DEFAULT 'pending' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"database_group" text NOT NULL,
	"steward_employee_id" uuid,
	"classification" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_data_assets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "catalog_infrastructure" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"ref_code" text,
	"ref_code_set_id" uuid,
	"review_state" text DEFAULT 'pending' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"parent_id" uuid,
	"location" text,
	"country" text DEFAULT 'ID' NOT NULL,
	"managing_agency_id" uuid NOT NULL,
	"provider" text,
	"hostname" text,
	"ip_address" text,
	"status" text DEFAULT 'active' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_infrastructure" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "catalog_processes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"ref_code" text,
	"ref_code_set_id" uuid,
	"review_state" text DEFAULT 'pending' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_processes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "catalog_relations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"type" text NOT NULL,
	"from_kind" text NOT NULL,
	"from_id" uuid NOT NULL,
	"to_kind" text NOT NULL,
	"to_id" uuid NOT NULL,
	"api_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_relations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "catalog_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"ref_code" text,
	"ref_code_set_id" uuid,
	"review_state" text DEFAULT 'pending' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"target_users" text NOT NULL,
	"channels" text[] DEFAULT '{}'::text[] NOT NULL,
	"service_standard" text,
	"status" text DEFAULT 'active' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_services" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "compliance_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duration_ms" integer NOT NULL,
	"rules_evaluated" integer NOT NULL,
	"checks" integer NOT NULL,
	"failures" integer NOT NULL,
	"opened" integer NOT NULL,
	"resolved" integer NOT NULL,
	"profile" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "compliance_evaluations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "compliance_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"record_id" uuid NOT NULL,
	"justification" text NOT NULL,
	"approved_by" uuid NOT NULL,
	"approved_by_name" text NOT NULL,
	"expires_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid
);
--> statement-breakpoint
ALTER TABLE "compliance_exceptions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "compliance_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"record_kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"record_name" text NOT NULL,
	"agency_id" uuid,
	"severity" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "compliance_findings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "compliance_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"agency_id" uuid,
	"regulation" text,
	"checks" integer NOT NULL,
	"passed" integer NOT NULL,
	"score" numeric(5, 2) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "compliance_scores" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "org_units" ADD COLUMN "is_egov_unit" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_application_apis_tenant_id" ON "catalog_application_apis" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_applications_tenant_id" ON "catalog_applications" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_code_sets_tenant_id" ON "catalog_code_sets" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_data_assets_tenant_id" ON "catalog_data_assets" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_infrastructure_tenant_id" ON "catalog_infrastructure" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_processes_tenant_id" ON "catalog_processes" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_services_tenant_id" ON "catalog_services" USING btree ("tenant_id","id");--> statement-breakpoint
ALTER TABLE "org_ict_appointments" ADD CONSTRAINT "org_ict_appointments_agency_fk" FOREIGN KEY ("tenant_id","agency_id") REFERENCES "public"."org_agencies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_application_apis" ADD CONSTRAINT "catalog_application_apis_app_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."catalog_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_application_documents" ADD CONSTRAINT "catalog_application_documents_app_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."catalog_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_applications" ADD CONSTRAINT "catalog_applications_agency_fk" FOREIGN KEY ("tenant_id","agency_id") REFERENCES "public"."org_agencies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_applications" ADD CONSTRAINT "catalog_applications_duplicates_fk" FOREIGN KEY ("tenant_id","duplicates_id") REFERENCES "public"."catalog_applications"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_codes" ADD CONSTRAINT "catalog_codes_set_fk" FOREIGN KEY ("tenant_id","code_set_id") REFERENCES "public"."catalog_code_sets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_data_assets" ADD CONSTRAINT "catalog_data_assets_agency_fk" FOREIGN KEY ("tenant_id","agency_id") REFERENCES "public"."org_agencies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_infrastructure" ADD CONSTRAINT "catalog_infrastructure_agency_fk" FOREIGN KEY ("tenant_id","agency_id") REFERENCES "public"."org_agencies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_infrastructure" ADD CONSTRAINT "catalog_infrastructure_managing_fk" FOREIGN KEY ("tenant_id","managing_agency_id") REFERENCES "public"."org_agencies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_infrastructure" ADD CONSTRAINT "catalog_infrastructure_parent_fk" FOREIGN KEY ("tenant_id","parent_id") REFERENCES "public"."catalog_infrastructure"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_processes" ADD CONSTRAINT "catalog_processes_agency_fk" FOREIGN KEY ("tenant_id","agency_id") REFERENCES "public"."org_agencies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_services" ADD CONSTRAINT "catalog_services_agency_fk" FOREIGN KEY ("tenant_id","agency_id") REFERENCES "public"."org_agencies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "org_ict_appointments_agency" ON "org_ict_appointments" USING btree ("tenant_id","agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_application_apis_name" ON "catalog_application_apis" USING btree ("tenant_id","application_id","name","version");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_application_documents_kind" ON "catalog_application_documents" USING btree ("tenant_id","application_id","kind");--> statement-breakpoint
CREATE INDEX "catalog_applications_agency" ON "catalog_applications" USING btree ("tenant_id","agency_id");--> statement-breakpoint
CREATE INDEX "catalog_change_requests_state" ON "catalog_change_requests" USING btree ("tenant_id","state","created_at");--> statement-breakpoint
CREATE INDEX "catalog_change_requests_record" ON "catalog_change_requests" USING btree ("tenant_id","record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_code_sets_version" ON "catalog_code_sets" USING btree ("tenant_id","prefix","version");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_code_sets_current" ON "catalog_code_sets" USING btree ("tenant_id","prefix") WHERE "catalog_code_sets"."current";--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_codes_set_code" ON "catalog_codes" USING btree ("tenant_id","code_set_id","code");--> statement-breakpoint
CREATE INDEX "catalog_data_assets_agency" ON "catalog_data_assets" USING btree ("tenant_id","agency_id");--> statement-breakpoint
CREATE INDEX "catalog_infrastructure_agency" ON "catalog_infrastructure" USING btree ("tenant_id","agency_id");--> statement-breakpoint
CREATE INDEX "catalog_processes_agency" ON "catalog_processes" USING btree ("tenant_id","agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_relations_unique" ON "catalog_relations" USING btree ("tenant_id","type","from_id","to_id");--> statement-breakpoint
CREATE INDEX "catalog_relations_from" ON "catalog_relations" USING btree ("tenant_id","from_id");--> statement-breakpoint
CREATE INDEX "catalog_relations_to" ON "catalog_relations" USING btree ("tenant_id","to_id");--> statement-breakpoint
CREATE INDEX "catalog_services_agency" ON "catalog_services" USING btree ("tenant_id","agency_id");--> statement-breakpoint
CREATE INDEX "compliance_evaluations_started" ON "compliance_evaluations" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE INDEX "compliance_exceptions_record" ON "compliance_exceptions" USING btree ("tenant_id","rule_id","record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_findings_open" ON "compliance_findings" USING btree ("tenant_id","rule_id","record_id") WHERE "compliance_findings"."state" = 'open';--> statement-breakpoint
CREATE INDEX "compliance_findings_record" ON "compliance_findings" USING btree ("tenant_id","record_id");--> statement-breakpoint
CREATE INDEX "compliance_findings_agency" ON "compliance_findings" USING btree ("tenant_id","agency_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_scores_day" ON "compliance_scores" USING btree ("tenant_id","day",coalesce("agency_id", '00000000-0000-0000-0000-000000000000'::uuid),coalesce("regulation", ''));--> statement-breakpoint
CREATE POLICY "org_ict_appointments_tenant_isolation" ON "org_ict_appointments" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "catalog_application_apis_tenant_isolation" ON "catalog_application_apis" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "catalog_application_documents_tenant_isolation" ON "catalog_application_documents" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "catalog_applications_tenant_isolation" ON "catalog_applications" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "catalog_change_requests_tenant_isolation" ON "catalog_change_requests" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "catalog_code_sets_tenant_isolation" ON "catalog_code_sets" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "catalog_codes_tenant_isolation" ON "catalog_codes" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "catalog_data_assets_tenant_isolation" ON "catalog_data_assets" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "catalog_infrastructure_tenant_isolation" ON "catalog_infrastructure" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "catalog_processes_tenant_isolation" ON "catalog_processes" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "catalog_relations_tenant_isolation" ON "catalog_relations" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "catalog_services_tenant_isolation" ON "catalog_services" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "compliance_evaluations_tenant_isolation" ON "compliance_evaluations" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "compliance_exceptions_tenant_isolation" ON "compliance_exceptions" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "compliance_findings_tenant_isolation" ON "compliance_findings" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "compliance_scores_tenant_isolation" ON "compliance_scores" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);