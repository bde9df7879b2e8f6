CREATE TABLE "desk_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"liaison_id" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "liaisons" ADD COLUMN "phone_hash" text;--> statement-breakpoint
ALTER TABLE "liaisons" ADD COLUMN "desk_user_id" integer;--> statement-breakpoint
ALTER TABLE "desk_links" ADD CONSTRAINT "desk_links_liaison_id_liaisons_id_fk" FOREIGN KEY ("liaison_id") REFERENCES "public"."liaisons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "desk_links_expires_idx" ON "desk_links" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "liaisons_phone_idx" ON "liaisons" USING btree ("phone_hash");