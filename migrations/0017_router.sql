CREATE TABLE "routing_sector_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"term" text,
	"enterprise_id" integer,
	"sector_code" text NOT NULL,
	"from_sector" text,
	"suggestion_key" text,
	"note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_by" text,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "routing_sector_rules" ADD CONSTRAINT "routing_sector_rules_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_sector_rules" ADD CONSTRAINT "routing_sector_rules_sector_code_sectors_code_fk" FOREIGN KEY ("sector_code") REFERENCES "public"."sectors"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "routing_sector_rules_active_idx" ON "routing_sector_rules" USING btree ("revoked_at");