CREATE TABLE "check_frequencies" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"per_year" integer NOT NULL,
	"updated_by" text DEFAULT 'seed' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "check_frequencies_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "drawn_on" date;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "enterprise_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "inspectors_per_enterprise" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "candidates" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "roster" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "candidate_digest" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "result" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "enforcement_plans" ADD COLUMN "random_seed" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "enforcement_plans" ADD COLUMN "generation" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "risk_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "key_activity" text;--> statement-breakpoint
-- hand-written
INSERT INTO "check_frequencies" ("scope", "key", "per_year") VALUES
	('class', 'good', 0), ('class', 'average', 1), ('class', 'poor', 4),
	('sector', 'coal_mine', 1), ('sector', 'non_coal_mine', 1), ('sector', 'hazardous_chemicals', 1),
	('sector', 'fireworks', 1), ('sector', 'civil_explosives', 1),
	('sector', 'confined_space', 1), ('sector', 'metallurgy', 1), ('sector', 'passenger_hazmat', 1), ('sector', 'school_bus', 1)
ON CONFLICT DO NOTHING;
