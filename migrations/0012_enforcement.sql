CREATE TABLE "draws" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"seed" text NOT NULL,
	"filter" jsonb NOT NULL,
	"enterprise_ids" jsonb NOT NULL,
	"inspector_ids" jsonb NOT NULL,
	"supersedes_id" integer,
	"redraw_reason" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enforcement_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"random_rate_pct" integer NOT NULL,
	"generated_by" text NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "inspection_inspectors" (
	"inspection_id" integer NOT NULL,
	"inspector_id" integer NOT NULL,
	CONSTRAINT "inspection_inspectors_inspection_id_inspector_id_pk" PRIMARY KEY("inspection_id","inspector_id")
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"inspected_on" date NOT NULL,
	"kind" text NOT NULL,
	"plan_item_id" integer,
	"draw_id" integer,
	"tip_id" integer,
	"reinspection_of_id" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspector_conflicts" (
	"inspector_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspector_conflicts_inspector_id_enterprise_id_pk" PRIMARY KEY("inspector_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "inspectors" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"certificate_no" text NOT NULL,
	"certified_until" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"month" integer NOT NULL,
	"basis" text NOT NULL,
	"note" text,
	"removed_at" timestamp with time zone,
	"removed_reason" text
);
--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_plans" ADD CONSTRAINT "enforcement_plans_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_inspectors" ADD CONSTRAINT "inspection_inspectors_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_inspectors" ADD CONSTRAINT "inspection_inspectors_inspector_id_inspectors_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."inspectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_plan_item_id_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_draw_id_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."draws"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspector_conflicts" ADD CONSTRAINT "inspector_conflicts_inspector_id_inspectors_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."inspectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspector_conflicts" ADD CONSTRAINT "inspector_conflicts_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspectors" ADD CONSTRAINT "inspectors_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_plan_id_enforcement_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."enforcement_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draws_unit_idx" ON "draws" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "enforcement_plans_unit_year_uq" ON "enforcement_plans" USING btree ("unit_id","year");--> statement-breakpoint
CREATE INDEX "inspection_inspectors_inspector_idx" ON "inspection_inspectors" USING btree ("inspector_id");--> statement-breakpoint
CREATE INDEX "inspections_unit_day_idx" ON "inspections" USING btree ("unit_id","inspected_on");--> statement-breakpoint
CREATE INDEX "inspections_enterprise_idx" ON "inspections" USING btree ("enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspectors_unit_cert_uq" ON "inspectors" USING btree ("unit_id","certificate_no");--> statement-breakpoint
CREATE INDEX "plan_items_plan_idx" ON "plan_items" USING btree ("plan_id","month");--> statement-breakpoint
CREATE INDEX "plan_items_enterprise_idx" ON "plan_items" USING btree ("enterprise_id");