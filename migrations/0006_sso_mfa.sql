CREATE TABLE "identity_auth_flows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"challenge" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identity_auth_flows" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "identity_ip_throttle" (
	"tenant_id" uuid NOT NULL,
	"ip" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	CONSTRAINT "identity_ip_throttle_tenant_id_ip_pk" PRIMARY KEY("tenant_id","ip")
);
--> statement-breakpoint
ALTER TABLE "identity_ip_throttle" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "identity_oidc_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"client_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"kind" text NOT NULL,
	"application_id" uuid,
	"secret_sealed" text,
	"secret_rotated_at" timestamp with time zone,
	"redirect_uris" text[] DEFAULT '{}'::text[] NOT NULL,
	"post_logout_redirect_uris" text[] DEFAULT '{}'::text[] NOT NULL,
	"backchannel_logout_uri" text,
	"scopes" text[] NOT NULL,
	"trusted" boolean DEFAULT false NOT NULL,
	"id_token_alg" text DEFAULT 'ES256' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identity_oidc_clients" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "identity_oidc_payloads" (
	"tenant_id" uuid NOT NULL,
	"model" text NOT NULL,
	"id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"grant_id" text,
	"uid" text,
	"user_code" text,
	"account_id" text,
	"expires_at" timestamp with time zone,
	"consumed_at" timestamp with time zone,
	CONSTRAINT "identity_oidc_payloads_tenant_id_model_id_pk" PRIMARY KEY("tenant_id","model","id")
);
--> statement-breakpoint
ALTER TABLE "identity_oidc_payloads" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "identity_passkeys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"credential_id" text NOT NULL,
	"public_key" text NOT NULL,
	"sign_count" bigint DEFAULT 0 NOT NULL,
	"transports" text[] DEFAULT '{}'::text[] NOT NULL,
	"name" text NOT NULL,
	"backed_up" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "identity_passkeys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "identity_recovery_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identity_recovery_codes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "identity_signing_keys" (
	"tenant_id" uuid NOT NULL,
	"kid" text NOT NULL,
	"alg" text NOT NULL,
	"private_sealed" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	"unpublish_at" timestamp with time zone,
	CONSTRAINT "identity_signing_keys_tenant_id_kid_pk" PRIMARY KEY("tenant_id","kid")
);
--> statement-breakpoint
ALTER TABLE "identity_signing_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "identity_totp_factors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"secret_sealed" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"last_step" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identity_totp_factors" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "identity_sessions" ADD COLUMN "amr" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "identity_sessions" ADD COLUMN "mfa_enrolment_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "identity_auth_flows" ADD CONSTRAINT "identity_auth_flows_user_id_identity_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."identity_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_passkeys" ADD CONSTRAINT "identity_passkeys_user_id_identity_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."identity_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_recovery_codes" ADD CONSTRAINT "identity_recovery_codes_user_id_identity_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."identity_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_totp_factors" ADD CONSTRAINT "identity_totp_factors_user_id_identity_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."identity_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "identity_auth_flows_hash" ON "identity_auth_flows" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "identity_auth_flows_user" ON "identity_auth_flows" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_oidc_clients_client_id" ON "identity_oidc_clients" USING btree ("tenant_id","client_id");--> statement-breakpoint
CREATE INDEX "identity_oidc_payloads_grant" ON "identity_oidc_payloads" USING btree ("tenant_id","grant_id") WHERE "identity_oidc_payloads"."grant_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "identity_oidc_payloads_uid" ON "identity_oidc_payloads" USING btree ("tenant_id","uid") WHERE "identity_oidc_payloads"."uid" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "identity_oidc_payloads_account" ON "identity_oidc_payloads" USING btree ("tenant_id","account_id") WHERE "identity_oidc_payloads"."account_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "identity_oidc_payloads_expiry" ON "identity_oidc_payloads" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_passkeys_credential" ON "identity_passkeys" USING btree ("tenant_id","credential_id");--> statement-breakpoint
CREATE INDEX "identity_passkeys_user" ON "identity_passkeys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "identity_recovery_codes_user" ON "identity_recovery_codes" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_totp_factors_user" ON "identity_totp_factors" USING btree ("user_id");--> statement-breakpoint
CREATE POLICY "identity_auth_flows_tenant_isolation" ON "identity_auth_flows" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "identity_ip_throttle_tenant_isolation" ON "identity_ip_throttle" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "identity_oidc_clients_tenant_isolation" ON "identity_oidc_clients" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "identity_oidc_payloads_tenant_isolation" ON "identity_oidc_payloads" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "identity_passkeys_tenant_isolation" ON "identity_passkeys" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "identity_recovery_codes_tenant_isolation" ON "identity_recovery_codes" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "identity_signing_keys_tenant_isolation" ON "identity_signing_keys" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "identity_totp_factors_tenant_isolation" ON "identity_totp_factors" AS PERMISSIVE FOR ALL TO "simpul_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);