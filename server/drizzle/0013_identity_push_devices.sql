CREATE SCHEMA "sim_push";
--> statement-breakpoint
CREATE TABLE "push_challenges" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"flow_id" text,
	"session_id" text,
	"number" integer NOT NULL,
	"choices" integer[] NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"device_id" uuid,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "push_devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"label" text NOT NULL,
	"public_key" text NOT NULL,
	"browser" text NOT NULL,
	"os" text NOT NULL,
	"push_endpoint" text,
	"push_p256dh" text,
	"push_auth" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sim_push"."messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" text NOT NULL,
	"ttl" integer NOT NULL,
	"urgency" text NOT NULL,
	"topic" text,
	"content_encoding" text,
	"body" text NOT NULL,
	"sender" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sim_push"."subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"application_server_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "push_challenges_user_idx" ON "push_challenges" USING btree ("user_id","expires_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "push_challenges_flow_idx" ON "push_challenges" USING btree ("flow_id");--> statement-breakpoint
CREATE INDEX "push_challenges_created_idx" ON "push_challenges" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "push_devices_key_uq" ON "push_devices" USING btree ("public_key");--> statement-breakpoint
CREATE INDEX "push_devices_user_idx" ON "push_devices" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "messages_subscription_idx" ON "sim_push"."messages" USING btree ("subscription_id","received_at");