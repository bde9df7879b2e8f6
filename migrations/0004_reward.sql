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
CREATE INDEX "tip_rewards_status_idx" ON "tip_rewards" USING btree ("status","claim_due_at");