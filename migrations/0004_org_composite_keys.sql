-- Unique keys first: the composite foreign keys below reference them.
CREATE UNIQUE INDEX "org_agencies_tenant_id" ON "org_agencies" USING btree ("tenant_id","id");
--> statement-breakpoint
CREATE UNIQUE INDEX "org_positions_tenant_agency_id" ON "org_positions" USING btree ("tenant_id","agency_id","id");
--> statement-breakpoint
CREATE UNIQUE INDEX "org_units_tenant_agency_id" ON "org_units" USING btree ("tenant_id","agency_id","id");
--> statement-breakpoint
ALTER TABLE "org_employees" ADD CONSTRAINT "org_employees_agency_fk" FOREIGN KEY ("tenant_id","agency_id") REFERENCES "public"."org_agencies"("tenant_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "org_employees" ADD CONSTRAINT "org_employees_unit_fk" FOREIGN KEY ("tenant_id","agency_id","unit_id") REFERENCES "public"."org_units"("tenant_id","agency_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "org_employees" ADD CONSTRAINT "org_employees_position_fk" FOREIGN KEY ("tenant_id","agency_id","position_id") REFERENCES "public"."org_positions"("tenant_id","agency_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "org_positions" ADD CONSTRAINT "org_positions_agency_fk" FOREIGN KEY ("tenant_id","agency_id") REFERENCES "public"."org_agencies"("tenant_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_agency_fk" FOREIGN KEY ("tenant_id","agency_id") REFERENCES "public"."org_agencies"("tenant_id","id") ON DELETE no action ON UPDATE no action;
