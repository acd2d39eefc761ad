CREATE SCHEMA IF NOT EXISTS "dashboard";
--> statement-breakpoint
CREATE TABLE "dashboard"."processed_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dashboard"."tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"provider" text NOT NULL,
	"command" text NOT NULL,
	"repository" text,
	"author" jsonb NOT NULL,
	"text" text NOT NULL,
	"agent" text,
	"runner" text,
	"model" text,
	"conversation_key" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"duration_ms" integer GENERATED ALWAYS AS (round(extract(epoch from (finished_at - started_at)) * 1000)::integer) STORED,
	"input_tokens" integer,
	"output_tokens" integer,
	"cost_usd" numeric(14, 6),
	"result" text,
	"error" text,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status_rank" smallint NOT NULL,
	"state_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "processed_events_processed_at_idx" ON "dashboard"."processed_events" USING btree ("processed_at");--> statement-breakpoint
CREATE INDEX "tasks_received_at_id_idx" ON "dashboard"."tasks" USING btree ("received_at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX "tasks_status_received_at_idx" ON "dashboard"."tasks" USING btree ("status","received_at" desc);--> statement-breakpoint
CREATE INDEX "tasks_repository_received_at_idx" ON "dashboard"."tasks" USING btree ("repository","received_at" desc);