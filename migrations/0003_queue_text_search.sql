-- Queue text search (admin issue #6). Chinese search terms are mostly two characters (燃气, 煤矿, 消防), which a
-- trigram index cannot narrow, and pg_trgm/pg_bigm are not available in every PGlite. So: an index of each
-- tip text's distinct lower-cased character bigrams (a GIN over text[], core PostgreSQL). A query of two
-- or more characters asks for rows holding all of its bigrams, then ILIKE confirms the exact substring.
-- The function only calls pg_catalog built-ins, so it is safe in an index expression whatever search_path is.
CREATE FUNCTION "jubao_bigrams"(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(DISTINCT substr(s.l, i, 2)), '{}'::text[])
    FROM (SELECT lower(t) AS l) s, generate_series(1, length(s.l) - 1) AS i
  $$;
--> statement-breakpoint
CREATE INDEX "tips_text_bigrams_idx" ON "tips" USING gin ("jubao_bigrams"("text"));
