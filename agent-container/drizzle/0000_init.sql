CREATE SCHEMA IF NOT EXISTS "agent";
--> statement-breakpoint
CREATE TABLE "agent"."runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"status" text NOT NULL,
	"agent" text NOT NULL,
	"runner" text NOT NULL,
	"model" text,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"cost_usd" double precision DEFAULT 0 NOT NULL,
	"steps" integer DEFAULT 0 NOT NULL,
	"output" text,
	"answer_url" text,
	"error" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX "runs_task_attempt" ON "agent"."runs" USING btree ("task_id","attempt");--> statement-breakpoint
CREATE INDEX "runs_started_at" ON "agent"."runs" USING btree ("started_at");