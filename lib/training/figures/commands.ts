import { generateBulletinSchema } from "@/lib/bulletins/schemas";
import { freezeBulletin } from "@/lib/bulletins/freeze";
import { defineCommand } from "@/lib/core/command";
import { computeTrainingBulletin } from "./bulletin-compute";

// —— 培训情况: figures and bulletin ——

/** 生成通报 of a training task: its figures (回执, 参训, 补训, 名次) as they stand now, frozen into the bulletin. */
export const generateTrainingBulletinCommand = defineCommand({
  name: "training.bulletin.generate",
  permission: "bulletins.manage",
  input: generateBulletinSchema,
  async run(ctx, input) {
    return freezeBulletin(ctx, input, {
      kind: "training",
      compute: computeTrainingBulletin,
      detail: ({ tally }) => ({ expected: tally.receipts.expected, submitted: tally.receipts.onTime + tally.receipts.late }),
    });
  },
});
