CREATE TABLE "recovery_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text DEFAULT 'opened' NOT NULL,
	"opened_via" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" text,
	"operator_id" uuid,
	"closed_at" timestamp with time zone,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
ALTER TABLE "account_activations" ADD COLUMN "recovery_request_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_requests_number_uq" ON "recovery_requests" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_requests_open_user_uq" ON "recovery_requests" USING btree ("user_id") WHERE status = 'opened';--> statement-breakpoint
CREATE INDEX "recovery_requests_user_idx" ON "recovery_requests" USING btree ("user_id","opened_at");--> statement-breakpoint
CREATE INDEX "recovery_requests_open_expiry_idx" ON "recovery_requests" USING btree ("expires_at") WHERE status = 'opened';