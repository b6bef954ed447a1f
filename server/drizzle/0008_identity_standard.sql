CREATE TABLE "identity_verification_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"verification_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"request_id" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"result" text,
	"reason" text,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "identity_verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"middle_name" text,
	"birth_date" date NOT NULL,
	"passport" text NOT NULL,
	"passport_issued_at" date NOT NULL,
	"passport_issuer_code" text NOT NULL,
	"snils" text NOT NULL,
	"inn" text,
	"reason" text,
	"poll_token" text,
	"lease_until" timestamp with time zone,
	"polled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "identity_verification_checks_kind_uq" ON "identity_verification_checks" USING btree ("verification_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_verification_checks_request_uq" ON "identity_verification_checks" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "identity_verifications_user_idx" ON "identity_verifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_verifications_pending_user_uq" ON "identity_verifications" USING btree ("user_id") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "identity_verifications_snils_uq" ON "identity_verifications" USING btree ("snils") WHERE status IN ('pending', 'confirmed');--> statement-breakpoint
CREATE UNIQUE INDEX "identity_verifications_passport_uq" ON "identity_verifications" USING btree ("passport") WHERE status IN ('pending', 'confirmed');--> statement-breakpoint
CREATE INDEX "identity_verifications_pending_idx" ON "identity_verifications" USING btree ("polled_at") WHERE status = 'pending';