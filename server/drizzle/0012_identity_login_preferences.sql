ALTER TABLE "users" ADD COLUMN "sms_login_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "bank_login_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "esign_login_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_reminder_months" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_reminder_sent_at" timestamp with time zone;