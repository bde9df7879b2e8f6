ALTER TABLE "tips" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tips" ADD COLUMN "objection_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tips" ADD COLUMN "review_start_due_at" timestamp with time zone;