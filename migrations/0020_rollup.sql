CREATE TABLE "figure_totals" (
	"campaign_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"period" text NOT NULL,
	"filed" boolean DEFAULT false NOT NULL,
	"last" boolean DEFAULT false NOT NULL,
	"month_values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"cumulative" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"filed_at" timestamp with time zone,
	CONSTRAINT "figure_totals_campaign_id_unit_id_period_pk" PRIMARY KEY("campaign_id","unit_id","period")
);
--> statement-breakpoint
ALTER TABLE "figure_totals" ADD CONSTRAINT "figure_totals_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figure_totals" ADD CONSTRAINT "figure_totals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "figure_totals_month_idx" ON "figure_totals" USING btree ("campaign_id","period");--> statement-breakpoint
CREATE INDEX "figure_totals_last_idx" ON "figure_totals" USING btree ("campaign_id","period") WHERE "figure_totals"."last";--> statement-breakpoint
-- hand-written
-- figure_totals_refresh(pairs): recompute the running totals of the given (campaign, unit) pairs from
-- the current versions of monthly_reports. One row per month from the unit's first filed month to its
-- last (skipped months carry the 累计数 forward), `last` on the last filed month. Window sums, generic over
-- the keys of monthly_reports.values (integers in stored units), so new metrics need no change here.
-- Each pair is locked (transaction advisory lock, in a fixed order) before it is read, so two filings of
-- one unit serialise here and the second sees the first's committed rows (READ COMMITTED takes a new
-- snapshot per statement inside the function).
CREATE OR REPLACE FUNCTION figure_totals_refresh(pairs jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('figure_totals'), hashtext(p.c::text || ':' || p.u::text))
    FROM (SELECT DISTINCT (e->>'c')::int AS c, (e->>'u')::int AS u FROM jsonb_array_elements(pairs) e ORDER BY 1, 2) p;
  DELETE FROM figure_totals t
    USING (SELECT DISTINCT (e->>'c')::int AS c, (e->>'u')::int AS u FROM jsonb_array_elements(pairs) e) p
    WHERE t.campaign_id = p.c AND t.unit_id = p.u;
  INSERT INTO figure_totals (campaign_id, unit_id, period, filed, last, month_values, cumulative, filed_at)
  WITH p AS (
    SELECT DISTINCT (e->>'c')::int AS c, (e->>'u')::int AS u FROM jsonb_array_elements(pairs) e
  ), filed AS (
    SELECT r.campaign_id, r.unit_id, r.period, r."values", r.submitted_at
    FROM monthly_reports r JOIN p ON r.campaign_id = p.c AND r.unit_id = p.u
    WHERE r.current
  ), bounds AS (
    SELECT campaign_id, unit_id, min(period) AS first, max(period) AS last FROM filed GROUP BY 1, 2
  ), months AS (
    SELECT b.campaign_id, b.unit_id, to_char(m, 'YYYY-MM') AS period, b.last
    FROM bounds b, generate_series(to_date(b.first, 'YYYY-MM'), to_date(b.last, 'YYYY-MM'), interval '1 month') m
  ), keys AS (
    SELECT DISTINCT f.campaign_id, f.unit_id, kv.key FROM filed f CROSS JOIN LATERAL jsonb_object_keys(f."values") kv(key)
  ), sums AS (
    SELECT m.campaign_id, m.unit_id, m.period, k.key,
      sum(coalesce((f."values"->>k.key)::bigint, 0))
        OVER (PARTITION BY m.campaign_id, m.unit_id, k.key ORDER BY m.period) AS total
    FROM months m
    JOIN keys k ON k.campaign_id = m.campaign_id AND k.unit_id = m.unit_id
    LEFT JOIN filed f ON f.campaign_id = m.campaign_id AND f.unit_id = m.unit_id AND f.period = m.period
  ), running AS (
    SELECT campaign_id, unit_id, period, jsonb_object_agg(key, total) AS cumulative FROM sums GROUP BY 1, 2, 3
  )
  SELECT m.campaign_id, m.unit_id, m.period, f.period IS NOT NULL, m.period = m.last,
    coalesce(f."values", '{}'::jsonb), coalesce(s.cumulative, '{}'::jsonb), f.submitted_at
  FROM months m
  LEFT JOIN running s ON s.campaign_id = m.campaign_id AND s.unit_id = m.unit_id AND s.period = m.period
  LEFT JOIN filed f ON f.campaign_id = m.campaign_id AND f.unit_id = m.unit_id AND f.period = m.period;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION figure_totals_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM figure_totals_refresh((SELECT coalesce(jsonb_agg(DISTINCT jsonb_build_object('c', n.campaign_id, 'u', n.unit_id)), '[]'::jsonb) FROM new_rows n));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION figure_totals_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM figure_totals_refresh((SELECT coalesce(jsonb_agg(DISTINCT jsonb_build_object('c', x.campaign_id, 'u', x.unit_id)), '[]'::jsonb)
    FROM (SELECT campaign_id, unit_id FROM new_rows UNION SELECT campaign_id, unit_id FROM old_rows) x));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION figure_totals_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM figure_totals_refresh((SELECT coalesce(jsonb_agg(DISTINCT jsonb_build_object('c', o.campaign_id, 'u', o.unit_id)), '[]'::jsonb) FROM old_rows o));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER figure_totals_insert AFTER INSERT ON "monthly_reports"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_totals_on_insert();
--> statement-breakpoint
CREATE TRIGGER figure_totals_update AFTER UPDATE ON "monthly_reports"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_totals_on_update();
--> statement-breakpoint
CREATE TRIGGER figure_totals_delete AFTER DELETE ON "monthly_reports"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_totals_on_delete();
--> statement-breakpoint
-- Backfill: the running totals of every unit that has filed, so existing data is right after upgrade.
SELECT figure_totals_refresh((SELECT coalesce(jsonb_agg(DISTINCT jsonb_build_object('c', campaign_id, 'u', unit_id)), '[]'::jsonb) FROM monthly_reports WHERE current));
