ALTER TABLE "campaigns" ADD COLUMN "table_notes" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- Until now every campaign printed the 2021 attachment's notes; campaigns that exist keep printing them.
UPDATE "campaigns" SET "table_notes" = '["由各地市汇总上报，于 11 月 26 日 17 时之前发送至邮箱 724456068@qq.com。","各单位系统管理员仅限一名，建议选择熟悉教育教学业务并有计算机技术基础的人员担任。","各单位系统管理员的账号和密码，将由省级系统自动下发到所留邮箱。"]'::jsonb;
