CREATE TABLE "tip_rewards" (
	"tip_id" integer PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"amount_yuan" integer NOT NULL,
	"proposed_yuan" integer NOT NULL,
	"basis" jsonb NOT NULL,
	"deviation_reason" text,
	"real_name_required" boolean DEFAULT false NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"decided_by" text NOT NULL,
	"claim_due_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"claim_identity_enc" "bytea",
	"paid_on" date,
	"payment_way" text,
	"payment_reference" text,
	"payment_recorded_by" text,
	"payment_recorded_at" timestamp with time zone,
	"lapsed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tips" ADD COLUMN "reporter_employee" boolean;--> statement-breakpoint
ALTER TABLE "tip_rewards" ADD CONSTRAINT "tip_rewards_tip_id_tips_id_fk" FOREIGN KEY ("tip_id") REFERENCES "public"."tips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tip_rewards_status_idx" ON "tip_rewards" USING btree ("status","claim_due_at");--> statement-breakpoint
-- hand-written
-- Positive reward decisions made before the claim workflow (#12) become rewards awaiting their claim, with
-- the claim date they were told (the end of that day, Asia/Shanghai). Their basis was free text.
INSERT INTO "tip_rewards" ("tip_id", "status", "amount_yuan", "proposed_yuan", "basis", "decided_at", "decided_by", "claim_due_at", "updated_at")
SELECT "tip_id", 'awaiting_claim', "amount", "amount", jsonb_build_object('kind', 'legacy', 'text', "basis_text"), "at", "actor",
  (("claim_by" + 1)::text || ' 00:00:00+08')::timestamptz - interval '1 millisecond', "at"
FROM (
  SELECT DISTINCT ON ("tip_id") "tip_id", "at", "actor", "data"->>'basis' AS "basis_text",
    CASE WHEN ("data"->>'amountYuan') ~ '^[0-9]{1,9}$' THEN ("data"->>'amountYuan')::int ELSE 0 END AS "amount",
    CASE WHEN ("data"->>'claimBy') ~ '^\d{4}-\d{2}-\d{2}$' THEN ("data"->>'claimBy')::date ELSE ("at" AT TIME ZONE 'UTC')::date + 60 END AS "claim_by"
  FROM "tip_events" WHERE "kind" = 'reward' ORDER BY "tip_id", "id" DESC
) AS "latest"
WHERE "amount" > 0
ON CONFLICT ("tip_id") DO NOTHING;
