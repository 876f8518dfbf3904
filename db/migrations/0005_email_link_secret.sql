ALTER TABLE "email_outbox" ADD COLUMN "link_secret" text;--> statement-breakpoint
-- Links queued before link_secret existed were stored readable in the bodies: they stop working, and the bodies lose them.
UPDATE "user_tokens" SET "revoked_at" = now() WHERE "used_at" IS NULL AND "revoked_at" IS NULL;--> statement-breakpoint
UPDATE "email_outbox" SET
  "text" = regexp_replace("text", 'https?://[^[:space:]"<]*\?token=[A-Za-z0-9_%-]+', '（链接已作废）', 'g'),
  "html" = regexp_replace("html", 'https?://[^[:space:]"<]*\?token=[A-Za-z0-9_%-]+', '（链接已作废）', 'g')
WHERE "text" ~ '\?token=' OR "html" ~ '\?token=';--> statement-breakpoint
UPDATE "email_outbox" SET "status" = 'failed', "claimed_until" = NULL, "last_error" = '系统升级后原链接已作废，未发送。请重新发送激活邮件或重置密码链接。'
WHERE "status" = 'pending' AND "kind" IN ('activation', 'password_reset');
