CREATE TABLE "dashboard"."task_rollup" (
	"day" timestamp with time zone NOT NULL,
	"dimension" text NOT NULL,
	"value" text,
	"tasks" integer NOT NULL,
	"succeeded" integer NOT NULL,
	"failed" integer NOT NULL,
	"cancelled" integer NOT NULL,
	"in_progress" integer NOT NULL,
	"cost_usd" numeric(20, 6) NOT NULL,
	"input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	CONSTRAINT "task_rollup_key" UNIQUE NULLS NOT DISTINCT("dimension","value","day")
);
--> statement-breakpoint
CREATE TABLE "dashboard"."task_rollup_latency" (
	"day" timestamp with time zone NOT NULL,
	"dimension" text NOT NULL,
	"value" text,
	"metric" text NOT NULL,
	"bucket" smallint NOT NULL,
	"tasks" integer NOT NULL,
	CONSTRAINT "task_rollup_latency_key" UNIQUE NULLS NOT DISTINCT("dimension","value","day","metric","bucket")
);
--> statement-breakpoint
-- The histogram bucket of a duration or queue wait in ms: 0 below 1 ms, then 24 buckets per
-- decade, bucket b ≥ 1 holding [10^((b−1)/24), 10^(b/24)), each 10 % wider than the last; null
-- for null. Not declared STRICT, so the planner inlines it (a function call per row costs 10 µs).
CREATE FUNCTION "dashboard"."latency_bucket"(ms integer) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN ms < 1 THEN 0 ELSE (1 + floor(24 * log(ms::float8)))::smallint END
$$;
--> statement-breakpoint
-- The roll-up rows one task counts in: its UTC day, for every task ('') and for each bounded
-- dimension's value. The consumer's deltas use it; refill_task_rollup groups the same way.
CREATE FUNCTION "dashboard"."task_rollup_keys"(
  received_at timestamptz, status text, provider text, command text, agent text, runner text, model text
) RETURNS TABLE (day timestamptz, dimension text, value text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT date_trunc('day', received_at, 'UTC'), d.dimension, d.value
  FROM (VALUES
    ('', NULL::text), ('provider', provider), ('command', command), ('agent', agent),
    ('runner', runner), ('model', model), ('status', status)
  ) AS d (dimension, value)
$$;
--> statement-breakpoint
-- Rebuilds the roll-up from dashboard.tasks in one pass per table (GROUPING SETS): the back-fill
-- of this migration, and the repair after tasks were written without the consumer (a bulk load).
CREATE FUNCTION "dashboard"."refill_task_rollup"() RETURNS void
LANGUAGE sql AS $$
  DELETE FROM dashboard.task_rollup;
  DELETE FROM dashboard.task_rollup_latency;
  INSERT INTO dashboard.task_rollup (day, dimension, value, tasks, succeeded, failed, cancelled, in_progress, cost_usd, input_tokens, output_tokens)
  SELECT day,
    CASE WHEN GROUPING(provider) = 0 THEN 'provider' WHEN GROUPING(command) = 0 THEN 'command' WHEN GROUPING(agent) = 0 THEN 'agent'
         WHEN GROUPING(runner) = 0 THEN 'runner' WHEN GROUPING(model) = 0 THEN 'model' WHEN GROUPING(status) = 0 THEN 'status' ELSE '' END,
    CASE WHEN GROUPING(provider) = 0 THEN provider WHEN GROUPING(command) = 0 THEN command WHEN GROUPING(agent) = 0 THEN agent
         WHEN GROUPING(runner) = 0 THEN runner WHEN GROUPING(model) = 0 THEN model WHEN GROUPING(status) = 0 THEN status END,
    count(*), count(*) FILTER (WHERE status = 'succeeded'), count(*) FILTER (WHERE status = 'failed'),
    count(*) FILTER (WHERE status = 'cancelled'), count(*) FILTER (WHERE status IN ('queued', 'running')),
    coalesce(sum(cost_usd), 0), coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0)
  FROM (SELECT date_trunc('day', received_at, 'UTC') AS day, status, provider, command, agent, runner, model, cost_usd, input_tokens, output_tokens
        FROM dashboard.tasks) AS t
  GROUP BY GROUPING SETS ((day), (day, provider), (day, command), (day, agent), (day, runner), (day, model), (day, status));
  INSERT INTO dashboard.task_rollup_latency (day, dimension, value, metric, bucket, tasks)
  SELECT day,
    CASE WHEN GROUPING(provider) = 0 THEN 'provider' WHEN GROUPING(command) = 0 THEN 'command' WHEN GROUPING(agent) = 0 THEN 'agent'
         WHEN GROUPING(runner) = 0 THEN 'runner' WHEN GROUPING(model) = 0 THEN 'model' WHEN GROUPING(status) = 0 THEN 'status' ELSE '' END,
    CASE WHEN GROUPING(provider) = 0 THEN provider WHEN GROUPING(command) = 0 THEN command WHEN GROUPING(agent) = 0 THEN agent
         WHEN GROUPING(runner) = 0 THEN runner WHEN GROUPING(model) = 0 THEN model WHEN GROUPING(status) = 0 THEN status END,
    metric, bucket, count(*)
  FROM (SELECT date_trunc('day', t.received_at, 'UTC') AS day, t.status, t.provider, t.command, t.agent, t.runner, t.model, m.metric, m.bucket
        FROM dashboard.tasks t
        CROSS JOIN LATERAL (VALUES ('duration', dashboard.latency_bucket(t.duration_ms)), ('queue_wait', dashboard.latency_bucket(t.queue_wait_ms))) AS m (metric, bucket)
        WHERE m.bucket IS NOT NULL) AS t
  GROUP BY GROUPING SETS ((day, metric, bucket), (day, metric, bucket, provider), (day, metric, bucket, command), (day, metric, bucket, agent),
                          (day, metric, bucket, runner), (day, metric, bucket, model), (day, metric, bucket, status));
$$;
--> statement-breakpoint
-- The list's newest-first index also carries what analytics read of a task, so that a range the
-- roll-up cannot answer (text search, a repository, the edges of a range, local days that are not
-- UTC days) is read from the index alone, never from the wide rows (request text, search vector).
-- Same name and key as before (schema.ts); drizzle has no INCLUDE, so it is rebuilt here.
DROP INDEX "dashboard"."tasks_received_at_id_idx";
--> statement-breakpoint
CREATE INDEX "tasks_received_at_id_idx" ON "dashboard"."tasks" USING btree ("received_at" desc, "id" desc)
	INCLUDE ("status", "provider", "repository", "command", "agent", "runner", "model", "duration_ms", "queue_wait_ms", "cost_usd", "input_tokens", "output_tokens");
--> statement-breakpoint
SELECT "dashboard"."refill_task_rollup"();
