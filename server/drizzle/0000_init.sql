CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"authenticated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assurance" integer DEFAULT 1 NOT NULL,
	"method" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"context" jsonb,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"phone" text,
	"phone_confirmed_at" timestamp with time zone,
	"email" text,
	"email_confirmed_at" timestamp with time zone,
	"snils" text,
	"password_hash" text,
	"level" text DEFAULT 'simplified' NOT NULL,
	"last_name" text,
	"first_name" text,
	"middle_name" text,
	"birth_date" date,
	"roles" text[] DEFAULT '{citizen}'::text[] NOT NULL,
	"time_zone" text DEFAULT 'Europe/Moscow' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_phone_uq" ON "users" USING btree ("phone");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_uq" ON "users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "users_snils_uq" ON "users" USING btree ("snils");--> statement-breakpoint
CREATE INDEX "users_created_idx" ON "users" USING btree ("created_at");