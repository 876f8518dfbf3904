import { z } from "zod";
import { privacyAcceptances } from "@/db/schema";
import { defineCommand } from "@/lib/core/command";
import { DomainError } from "@/lib/core/errors";
import { UNKNOWN_FIELD } from "@/lib/core/input";
import { PRIVACY_NOTICE_VERSION } from "./notice";

export const NOTICE_CHANGED_MESSAGE = "《个人信息处理规则》已更新，请刷新页面阅读新版本后再确认。";

export const acceptPrivacyNoticeSchema = z.strictObject({ version: z.string().min(1).max(40) }, UNKNOWN_FIELD);

/** 「同意并继续」: records that this account read and accepted the version it was shown. */
export const acceptPrivacyNoticeCommand = defineCommand({
  name: "privacy.accept_notice",
  permission: "account.own",
  input: acceptPrivacyNoticeSchema,
  async run({ tx, actor, now, target }, { version }) {
    target("user", actor.userId, { version });
    // A page opened before the text changed shows the old version: accepting it is not accepting this one.
    if (version !== PRIVACY_NOTICE_VERSION) throw new DomainError(NOTICE_CHANGED_MESSAGE);
    await tx.insert(privacyAcceptances).values({ userId: actor.userId, version, acceptedAt: now }).onConflictDoNothing();
  },
});
