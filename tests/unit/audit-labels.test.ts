import { describe, expect, it } from "vitest";
import { actionLabel } from "@/lib/audit/labels";
import { AUDIT_ACTION_LABELS } from "@/lib/core/audit-actions";

describe("audit action labels", () => {
  it("names every recorded action in Chinese", () => {
    for (const [action, label] of Object.entries(AUDIT_ACTION_LABELS)) expect(label, action).toMatch(/^[\u4e00-\u9fff「」（）]/u);
    expect(actionLabel("reminders.urge")).toBe("催报");
    expect(actionLabel("xlsx.export_submission")).toBe("导出本单位信息表");
  });

  it("shows a code no longer recorded as itself", () => {
    expect(actionLabel("users.legacy")).toBe("users.legacy");
  });
});
