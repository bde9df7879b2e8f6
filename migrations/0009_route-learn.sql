CREATE TABLE "routing_suggestion_decisions" (
	"key" text PRIMARY KEY NOT NULL,
	"decision" text NOT NULL,
	"actor" text NOT NULL,
	"rule_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tips" ADD COLUMN "urgency_source" text;--> statement-breakpoint
-- hand-written
-- Urgent tips stored before urgency_source existed: the reporter's flag, the router's evidence, or both.
UPDATE "tips" SET "urgency_source" = CASE
  WHEN "reporter_urgent" AND jsonb_array_length(coalesce("routing"->'urgentEvidence', '[]'::jsonb)) > 0 THEN 'both'
  WHEN "reporter_urgent" THEN 'reporter'
  ELSE 'classifier' END
WHERE "urgent" AND "urgency_source" IS NULL;
