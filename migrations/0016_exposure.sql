CREATE TABLE "blacklist_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"legal_basis" text NOT NULL,
	"listing_unit" text NOT NULL,
	"starts_on" date NOT NULL,
	"planned_end_on" date,
	"reason" text NOT NULL,
	"status" text DEFAULT 'listed' NOT NULL,
	"prior_risk_class" text NOT NULL,
	"listed_by" text NOT NULL,
	"removal_reason" text,
	"removal_requested_by_id" integer,
	"removal_requested_by" text,
	"removal_requested_at" timestamp with time zone,
	"removed_by" text,
	"removed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exposures" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"enterprise_id" integer,
	"enterprise_name" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" integer,
	"findings" text NOT NULL,
	"measures" text NOT NULL,
	"occurred_on" date NOT NULL,
	"prepared_by_id" integer NOT NULL,
	"prepared_by" text NOT NULL,
	"approved_by_id" integer,
	"approved_by" text,
	"published_at" timestamp with time zone,
	"withdrawn_by" text,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "blacklist_entries" ADD CONSTRAINT "blacklist_entries_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposures" ADD CONSTRAINT "exposures_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposures" ADD CONSTRAINT "exposures_jurisdiction_code_jurisdictions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdictions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "blacklist_entries_enterprise_idx" ON "blacklist_entries" USING btree ("enterprise_id","status");--> statement-breakpoint
CREATE INDEX "blacklist_entries_status_idx" ON "blacklist_entries" USING btree ("status","starts_on");--> statement-breakpoint
CREATE INDEX "exposures_status_day_idx" ON "exposures" USING btree ("status","occurred_on");--> statement-breakpoint
CREATE INDEX "exposures_jurisdiction_idx" ON "exposures" USING btree ("jurisdiction_code");