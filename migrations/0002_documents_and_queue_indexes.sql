CREATE TABLE "obligation_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"obligation_id" integer NOT NULL,
	"liaison_id" integer,
	"telegram_file_id" text,
	"file_name" text,
	"mime_type" text,
	"size" integer,
	"sha256" text,
	"body" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "obligation_documents" ADD CONSTRAINT "obligation_documents_obligation_id_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."obligations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation_documents" ADD CONSTRAINT "obligation_documents_liaison_id_liaisons_id_fk" FOREIGN KEY ("liaison_id") REFERENCES "public"."liaisons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "obligation_documents_obligation_idx" ON "obligation_documents" USING btree ("obligation_id");--> statement-breakpoint
CREATE INDEX "tips_jurisdiction_status_idx" ON "tips" USING btree ("jurisdiction_code","status","received_at");--> statement-breakpoint
CREATE INDEX "tips_status_sector_idx" ON "tips" USING btree ("status","sector_code","received_at");