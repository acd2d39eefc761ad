CREATE TABLE "dashboard"."api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"source" text DEFAULT 'user' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dashboard"."conversations" (
	"key" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"repository" text,
	"first_task_id" text NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"task_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dashboard"."sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dashboard"."users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "dashboard"."tasks_status_received_at_idx";--> statement-breakpoint
DROP INDEX "dashboard"."tasks_repository_received_at_idx";--> statement-breakpoint
ALTER TABLE "dashboard"."tasks" ADD COLUMN "queue_wait_ms" integer GENERATED ALWAYS AS (round(extract(epoch from (started_at - received_at)) * 1000)::integer) STORED;--> statement-breakpoint
ALTER TABLE "dashboard"."tasks" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', coalesce(text, '') || ' ' || coalesce(repository, '') || ' ' || command || ' ' || coalesce(author->>'login', ''))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "dashboard"."api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "dashboard"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard"."sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "dashboard"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_token_hash_idx" ON "dashboard"."api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_id_idx" ON "dashboard"."api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "conversations_last_at_key_idx" ON "dashboard"."conversations" USING btree ("last_at" desc,"key" desc);--> statement-breakpoint
CREATE INDEX "conversations_provider_last_at_key_idx" ON "dashboard"."conversations" USING btree ("provider","last_at" desc,"key" desc);--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "dashboard"."sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_idx" ON "dashboard"."sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "dashboard"."users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "tasks_status_received_at_id_idx" ON "dashboard"."tasks" USING btree ("status","received_at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX "tasks_repository_received_at_id_idx" ON "dashboard"."tasks" USING btree ("repository","received_at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX "tasks_provider_received_at_id_idx" ON "dashboard"."tasks" USING btree ("provider","received_at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX "tasks_command_received_at_id_idx" ON "dashboard"."tasks" USING btree ("command","received_at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX "tasks_agent_received_at_id_idx" ON "dashboard"."tasks" USING btree ("agent","received_at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX "tasks_runner_received_at_id_idx" ON "dashboard"."tasks" USING btree ("runner","received_at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX "tasks_author_received_at_id_idx" ON "dashboard"."tasks" USING btree ((author->>'login'),"received_at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX "tasks_conversation_received_at_idx" ON "dashboard"."tasks" USING btree ("conversation_key","received_at");--> statement-breakpoint
CREATE INDEX "tasks_duration_id_idx" ON "dashboard"."tasks" USING btree ("duration_ms" DESC NULLS LAST,"id" desc);--> statement-breakpoint
CREATE INDEX "tasks_cost_id_idx" ON "dashboard"."tasks" USING btree ("cost_usd" DESC NULLS LAST,"id" desc);--> statement-breakpoint
CREATE INDEX "tasks_search_idx" ON "dashboard"."tasks" USING gin ("search");--> statement-breakpoint
-- Conversations of the tasks recorded before this table existed.
INSERT INTO "dashboard"."conversations" ("key", "provider", "repository", "first_task_id", "first_at", "last_at", "task_count")
SELECT DISTINCT ON (conversation_key)
	conversation_key, provider, repository, id, received_at,
	max(received_at) OVER (PARTITION BY conversation_key),
	count(*) OVER (PARTITION BY conversation_key)
FROM "dashboard"."tasks"
ORDER BY conversation_key, received_at, id
ON CONFLICT ("key") DO NOTHING;
