-- The words of a search as a prefix query: 'fix flaky' matches "fixed the flaky test". Each word
-- goes through the same 'simple' parser as tasks.search and is quoted, so no input can inject
-- tsquery syntax; text without a word matches nothing. IMMUTABLE, so with a constant argument the
-- planner evaluates it first and can estimate how many tasks match from the GIN index statistics.
CREATE OR REPLACE FUNCTION "dashboard"."prefix_tsquery"(search text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(
    (SELECT to_tsquery('simple', string_agg(quote_literal(word) || ':*', ' & '))
     FROM unnest(tsvector_to_array(to_tsvector('simple', search))) AS word),
    to_tsquery('simple', '')
  )
$$;
