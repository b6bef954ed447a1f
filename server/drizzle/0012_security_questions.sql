CREATE TABLE "security_questions" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"question_key" text NOT NULL,
	"question_text" text NOT NULL,
	"answer_hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
