CREATE SCHEMA IF NOT EXISTS "gateway";
--> statement-breakpoint
CREATE TABLE "gateway"."commands" (
	"name" text PRIMARY KEY NOT NULL,
	"description" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gateway"."deliveries" (
	"provider" text NOT NULL,
	"delivery_id" text NOT NULL,
	"event" text NOT NULL,
	"outcome" text NOT NULL,
	"task_id" text,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deliveries_provider_delivery_id_pk" PRIMARY KEY("provider","delivery_id")
);
--> statement-breakpoint
CREATE TABLE "gateway"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	CONSTRAINT "outbox_task_id_unique" UNIQUE("task_id")
);
--> statement-breakpoint
CREATE TABLE "gateway"."tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"delivery_id" text NOT NULL,
	"command" text NOT NULL,
	"options" jsonb NOT NULL,
	"text" text NOT NULL,
	"author" jsonb NOT NULL,
	"repository" text,
	"conversation_key" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"job" jsonb NOT NULL,
	CONSTRAINT "tasks_provider_delivery_id_key" UNIQUE("provider","delivery_id")
);
--> statement-breakpoint
ALTER TABLE "gateway"."outbox" ADD CONSTRAINT "outbox_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "gateway"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_received_at_idx" ON "gateway"."deliveries" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "gateway"."outbox" USING btree ("next_attempt_at") WHERE "gateway"."outbox"."dispatched_at" IS NULL;--> statement-breakpoint
CREATE INDEX "tasks_conversation_key_idx" ON "gateway"."tasks" USING btree ("conversation_key","received_at");