ALTER TABLE "tips" ADD COLUMN "answer_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tips" ADD COLUMN "next_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tips" ADD COLUMN "next_due_kind" text;--> statement-breakpoint
ALTER TABLE "tips" ADD COLUMN "extension" jsonb;--> statement-breakpoint
CREATE INDEX "tips_jurisdiction_next_due_idx" ON "tips" USING btree ("jurisdiction_code","next_due_at");--> statement-breakpoint
CREATE INDEX "tips_unit_next_due_idx" ON "tips" USING btree ("unit_id","next_due_at");--> statement-breakpoint
CREATE INDEX "tips_next_due_idx" ON "tips" USING btree ("next_due_at");--> statement-breakpoint
-- hand-written
-- Backfill the running deadline of existing tips, as src/domain/tip-clock.ts nextDeadline decides it (no answer deadline existed before).
UPDATE "tips" SET "next_due_at" = CASE WHEN "status" = 'received' THEN "accept_due_at" ELSE "handle_due_at" END,
  "next_due_kind" = CASE WHEN "status" = 'received' THEN 'accept' ELSE 'verify' END
  WHERE "status" IN ('received', 'accepted', 'investigating') AND (CASE WHEN "status" = 'received' THEN "accept_due_at" ELSE "handle_due_at" END) IS NOT NULL;
