CREATE TABLE "agent"."conversation_turns" (
	"task_id" text PRIMARY KEY NOT NULL,
	"conversation_key" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"lease_until" timestamp with time zone NOT NULL,
	"waiting_for" text,
	"command" text NOT NULL,
	"author" text NOT NULL,
	"question" text NOT NULL,
	"answer" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "agent"."status_messages" (
	"task_id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"message_id" text NOT NULL,
	"url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agent"."runs" ADD COLUMN "pull_request_url" text;--> statement-breakpoint
CREATE INDEX "conversation_turns_order" ON "agent"."conversation_turns" USING btree ("conversation_key","received_at","task_id");