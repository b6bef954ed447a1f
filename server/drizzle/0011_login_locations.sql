ALTER TABLE "login_history" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "login_history" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "login_history" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "login_history" ADD COLUMN "longitude" double precision;