CREATE TABLE "audit_roots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entry_id" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
-- hand-written
-- Published audit roots are append-only like audit_log: the database refuses UPDATE, DELETE and TRUNCATE.
CREATE OR REPLACE FUNCTION audit_roots_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_roots is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_roots_no_update BEFORE UPDATE OR DELETE ON "audit_roots"
  FOR EACH ROW EXECUTE FUNCTION audit_roots_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_roots_no_truncate BEFORE TRUNCATE ON "audit_roots"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_roots_append_only();
