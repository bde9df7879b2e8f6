CREATE TABLE "receipt_handoffs" (
	"tip_id" integer PRIMARY KEY NOT NULL,
	"staff_id" integer NOT NULL,
	"secret_enc" "bytea" NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "receipt_handoffs" ADD CONSTRAINT "receipt_handoffs_tip_id_tips_id_fk" FOREIGN KEY ("tip_id") REFERENCES "public"."tips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tips_enterprise_received_idx" ON "tips" USING btree ("enterprise_id","received_at");--> statement-breakpoint
CREATE INDEX "tips_credit_code_received_idx" ON "tips" USING btree ("credit_code_text","received_at");