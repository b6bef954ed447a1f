CREATE SCHEMA "sim_post";
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
CREATE UNIQUE INDEX "letters_request_uq" ON "sim_post"."letters" USING btree ("request_id");