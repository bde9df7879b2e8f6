-- Custom SQL migration file, put your code below! ---- hand-written
-- enterprises_version in app_meta: bumped by every statement that writes enterprises (any writer, any replica),
-- so each replica's in-memory enterprise index can tell with one primary-key read whether it is stale.
INSERT INTO "app_meta" ("key", "value") VALUES ('enterprises_version', '0'::jsonb) ON CONFLICT ("key") DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION enterprises_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "app_meta" ("key", "value", "updated_at") VALUES ('enterprises_version', '1'::jsonb, now())
  ON CONFLICT ("key") DO UPDATE SET "value" = to_jsonb(("app_meta"."value")::text::bigint + 1), "updated_at" = now();
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER enterprises_bump_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "enterprises"
  FOR EACH STATEMENT EXECUTE FUNCTION enterprises_bump_version();
