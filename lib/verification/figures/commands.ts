import { generateBulletinSchema } from "@/lib/bulletins/schemas";
import { freezeBulletin } from "@/lib/bulletins/freeze";
import { defineCommand } from "@/lib/core/command";
import { computeVerificationBulletin } from "./bulletin-compute";

// —— 核验情况: figures and bulletin ——

/** 生成通报 of a verification task: its figures (确认, 问题, 完成率, 名次, 未完成的学校) as they stand now, frozen into the bulletin. */
export const generateVerificationBulletinCommand = defineCommand({
  name: "verification.bulletin.generate",
  permission: "bulletins.manage",
  input: generateBulletinSchema,
  async run(ctx, input) {
    return freezeBulletin(ctx, input, {
      kind: "verification",
      compute: computeVerificationBulletin,
      detail: ({ tally }) => ({ expected: tally.receipts.expected, submitted: tally.receipts.onTime + tally.receipts.late, unsettled: tally.total.unsettled }),
    });
  },
});
