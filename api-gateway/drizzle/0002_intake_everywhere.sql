CREATE TABLE "gateway"."sentry_installations" (
	"uuid" text PRIMARY KEY NOT NULL,
	"organization" text NOT NULL,
	"status" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gateway"."webhook_routes" (
	"slug" text PRIMARY KEY NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"secret" jsonb NOT NULL,
	"mapping" jsonb NOT NULL,
	"default_command" text DEFAULT 'ask' NOT NULL,
	"default_repository" text,
	"require_mention" boolean DEFAULT false NOT NULL,
	"allowed_authors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gateway"."commands" ADD COLUMN "options" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "gateway"."deliveries" ADD COLUMN "details" jsonb;--> statement-breakpoint
ALTER TABLE "gateway"."tasks" ADD COLUMN "trigger_key" text;--> statement-breakpoint
ALTER TABLE "gateway"."webhook_routes" ADD CONSTRAINT "webhook_routes_default_command_commands_name_fk" FOREIGN KEY ("default_command") REFERENCES "gateway"."commands"("name") ON DELETE restrict ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "tasks_trigger_key_idx" ON "gateway"."tasks" USING btree ("trigger_key","received_at") WHERE "gateway"."tasks"."trigger_key" IS NOT NULL;