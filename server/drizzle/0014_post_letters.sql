CREATE TABLE "post_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"request_id" text NOT NULL,
	"recipient_name" text NOT NULL,
	"address" jsonb NOT NULL,
	"code_hash" text NOT NULL,
	"wrong_attempts" integer DEFAULT 0 NOT NULL,
	"track_number" text,
	"dispatched_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"tracking_status" text,
	"tracking_events" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tracked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "post_letters_user_idx" ON "post_letters" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "post_letters_active_user_uq" ON "post_letters" USING btree ("user_id") WHERE status IN ('ordering', 'sent');--> statement-breakpoint
CREATE UNIQUE INDEX "post_letters_request_uq" ON "post_letters" USING btree ("request_id");