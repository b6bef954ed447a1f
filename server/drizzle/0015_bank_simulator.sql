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
CREATE INDEX "sim_bank_oidc_grant_idx" ON "sim_bank_oidc" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "sim_bank_oidc_uid_idx" ON "sim_bank_oidc" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "sim_bank_oidc_expires_idx" ON "sim_bank_oidc" USING btree ("expires_at");