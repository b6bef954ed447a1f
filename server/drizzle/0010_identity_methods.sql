CREATE SCHEMA "sim_post";
--> statement-breakpoint
CREATE TABLE "account_activations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"temp_password_hash" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "external_identities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider" text NOT NULL,
	"issuer" text NOT NULL,
	"subject" text NOT NULL,
	"user_id" uuid NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "identity_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"method" text NOT NULL,
	"actor_user_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mfc_lookups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operator_id" uuid NOT NULL,
	"user_id" uuid,
	"identifier_kind" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "passkey_challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"session_id" text NOT NULL,
	"challenge" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "passkeys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"credential_id" text NOT NULL,
	"public_key" text NOT NULL,
	"counter" bigint DEFAULT 0 NOT NULL,
	"transports" text[] DEFAULT '{}'::text[] NOT NULL,
	"device_type" text NOT NULL,
	"backed_up" boolean DEFAULT false NOT NULL,
	"aaguid" text NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
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
CREATE TABLE "security_questions" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"question_key" text NOT NULL,
	"question_text" text NOT NULL,
	"answer_hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"serial" text NOT NULL,
	"subject" text NOT NULL,
	"issuer" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"snils" text NOT NULL,
	"pem" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sim_bank_customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"phone" text NOT NULL,
	"password_hash" text NOT NULL,
	"totp_secret" text,
	"email" text,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"middle_name" text,
	"birth_date" date NOT NULL,
	"passport" text NOT NULL,
	"passport_issued_at" date NOT NULL,
	"passport_issuer_code" text NOT NULL,
	"snils" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sim_bank_customers_phone_unique" UNIQUE("phone")
);
--> statement-breakpoint
CREATE TABLE "sim_bank_oidc" (
	"model" text NOT NULL,
	"id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"grant_id" text,
	"uid" text,
	"user_code" text,
	"expires_at" timestamp with time zone,
	"consumed_at" timestamp with time zone,
	CONSTRAINT "sim_bank_oidc_model_id_pk" PRIMARY KEY("model","id")
);
--> statement-breakpoint
CREATE TABLE "sim_post"."letters" (
	"track_number" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"sender_name" text NOT NULL,
	"sender_index" text NOT NULL,
	"recipient_name" text NOT NULL,
	"recipient_address" jsonb NOT NULL,
	"contents" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"step_ms" integer NOT NULL,
	"collected_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sim_post"."serials" (
	"prefix" text PRIMARY KEY NOT NULL,
	"last" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "login_history" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "login_history" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "login_history" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "login_history" ADD COLUMN "longitude" double precision;--> statement-breakpoint
CREATE UNIQUE INDEX "account_activations_token_uq" ON "account_activations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "account_activations_user_idx" ON "account_activations" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "external_identities_subject_uq" ON "external_identities" USING btree ("issuer","subject");--> statement-breakpoint
CREATE UNIQUE INDEX "external_identities_user_uq" ON "external_identities" USING btree ("user_id","issuer");--> statement-breakpoint
CREATE INDEX "identity_confirmations_user_idx" ON "identity_confirmations" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "mfc_lookups_operator_idx" ON "mfc_lookups" USING btree ("operator_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "passkey_challenges_session_uq" ON "passkey_challenges" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "passkeys_credential_uq" ON "passkeys" USING btree ("credential_id");--> statement-breakpoint
CREATE INDEX "passkeys_user_idx" ON "passkeys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "post_letters_user_idx" ON "post_letters" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "post_letters_active_user_uq" ON "post_letters" USING btree ("user_id") WHERE status IN ('ordering', 'sent');--> statement-breakpoint
CREATE UNIQUE INDEX "post_letters_request_uq" ON "post_letters" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_certificates_fingerprint_uq" ON "user_certificates" USING btree ("fingerprint");--> statement-breakpoint
CREATE INDEX "user_certificates_user_idx" ON "user_certificates" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sim_bank_oidc_grant_idx" ON "sim_bank_oidc" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "sim_bank_oidc_uid_idx" ON "sim_bank_oidc" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "sim_bank_oidc_expires_idx" ON "sim_bank_oidc" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "letters_request_uq" ON "sim_post"."letters" USING btree ("request_id");