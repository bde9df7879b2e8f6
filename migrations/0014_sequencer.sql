CREATE TABLE "audit_links" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"audit_id" bigint NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_links_audit_id_unique" UNIQUE("audit_id")
);
--> statement-breakpoint
CREATE TABLE "audit_pending" (
	"audit_id" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "content_hash" text;--> statement-breakpoint
-- hand-written
-- Existing rows keep their chain: each becomes a link in id order with its own prev_hash and hash;
-- the sequencer continues from the last of them.
INSERT INTO "audit_links" ("seq", "audit_id", "prev_hash", "hash", "linked_at")
  SELECT row_number() OVER (ORDER BY "id"), "id", "prev_hash", "hash", "at" FROM "audit_log" ORDER BY "id";
--> statement-breakpoint
-- The chain is append-only like audit_log: the database refuses UPDATE, DELETE and TRUNCATE.
CREATE OR REPLACE FUNCTION audit_links_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_links is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_links_no_update BEFORE UPDATE OR DELETE ON "audit_links"
  FOR EACH ROW EXECUTE FUNCTION audit_links_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_links_no_truncate BEFORE TRUNCATE ON "audit_links"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_links_append_only();
