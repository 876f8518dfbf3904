import * as XLSX from "xlsx";
import { describe, expect, it } from "vitest";
import { sniffAttachment, attachmentFileName } from "@/lib/campaigns/attachments";
import { createCampaignSchema, noticeSchema, scheduleSchema } from "@/lib/campaigns/schemas";

const valid = {
  title: "  关于做好  测试工作的通知 ",
  docNumber: "冀教办函〔2025〕1号",
  issuer: "河北省教育厅办公室",
  body: "各市教育局：\r\n\r\n请按要求报送。\n",
  tableNotes: "1. 由各地市汇总上报。\r\n\r\n 2．各单位系统管理员仅限一名。 \n3、账号由省级系统下发。",
  contacts: [{ name: "孙 志河", phone: "0311 6600 5705", email: "Sun@Example.com", role: "业务联系人" }],
  deadlineDate: "2025-03-07",
  deadlineTime: "17:00",
  reminders: [
    { when: "after", amount: 1, unit: "hour" },
    { when: "before", amount: 3, unit: "day" },
  ],
  unitIds: [3, "2", 3],
};

function errorsOf(result: ReturnType<typeof createCampaignSchema.safeParse>) {
  if (result.success) throw new Error("expected a refusal");
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("createCampaignSchema", () => {
  it("yields the canonical campaign: trimmed text, normalized contacts, the deadline instant and sorted reminder minutes", () => {
    const parsed = createCampaignSchema.parse(valid);
    expect(parsed).toEqual({
      title: "关于做好 测试工作的通知",
      docNumber: "冀教办函〔2025〕1号",
      issuer: "河北省教育厅办公室",
      body: "各市教育局：\n\n请按要求报送。",
      tableNotes: ["由各地市汇总上报。", "各单位系统管理员仅限一名。", "账号由省级系统下发。"],
      contacts: [{ name: "孙志河", phone: "0311-66005705", email: "sun@example.com", role: "业务联系人" }],
      deadline: new Date("2025-03-07T09:00:00Z"),
      reminderOffsets: [-4320, 60],
      unitIds: [3, 2],
    });
  });

  it("takes 填表说明 one per line, without the numbers the portal writes itself, and refuses too many or too long", () => {
    expect(createCampaignSchema.parse({ ...valid, tableNotes: " \n\n" }).tableNotes).toEqual([]);
    expect(errorsOf(createCampaignSchema.safeParse({ ...valid, tableNotes: Array.from({ length: 11 }, (_, i) => `说明${i}`).join("\n") })).tableNotes).toBe(
      "填表说明：最多 10 条（当前 11 条），请合并或删减",
    );
    expect(errorsOf(createCampaignSchema.safeParse({ ...valid, tableNotes: `短的\n${"长".repeat(201)}` })).tableNotes).toBe("填表说明：第 2 条超过 200 个字，请精简");
  });

  it("names each bad field in Chinese, the contact's by its row", () => {
    const errors = errorsOf(
      createCampaignSchema.safeParse({
        ...valid,
        title: "   ",
        contacts: [{ name: "孙志河", phone: "1380013800", email: "not-an-email", role: "" }],
        deadlineDate: "2025-02-30",
      }),
    );
    expect(errors.title).toBe("任务标题：请填写");
    expect(errors["contacts.0.phone"]).toMatch(/^电话：手机号应为 11 位数字/);
    expect(errors["contacts.0.email"]).toMatch(/^邮箱：格式不正确/);
    expect(errors["contacts.0.role"]).toBe("职责：请填写");
    expect(errors.deadlineDate).toBe("截止日期：请选择有效的日期");
    expect(errorsOf(createCampaignSchema.safeParse({ ...valid, deadlineTime: "25:00" })).deadlineTime).toBe("截止时刻：请选择有效的时刻，如 17:00");
  });

  it("refuses the same reminder twice and one outside 30 days before to 7 days after", () => {
    const errors = errorsOf(
      createCampaignSchema.safeParse({
        ...valid,
        reminders: [
          { when: "before", amount: 1, unit: "day" },
          { when: "before", amount: 24, unit: "hour" },
          { when: "before", amount: 31, unit: "day" },
          { when: "after", amount: 8, unit: "day" },
        ],
      }),
    );
    expect(errors["reminders.1.amount"]).toMatch(/重复/);
    expect(errors["reminders.2.amount"]).toMatch(/30 天以内/);
    expect(errors["reminders.3.amount"]).toMatch(/7 天以内/);
  });

  it("refuses fields it does not know, such as a status", () => {
    const result = createCampaignSchema.safeParse({ ...valid, status: "published" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe("表单包含无法识别的内容，请刷新页面后重试");
  });

  it("counts characters, not UTF-16 units, against the limits", () => {
    const { title, docNumber, issuer, body, contacts, tableNotes, deadlineDate, deadlineTime, reminders } = valid;
    const notice = { title, docNumber, issuer, body, contacts, tableNotes };
    expect(noticeSchema.safeParse({ ...notice, title: "𠀀".repeat(100) }).success).toBe(true);
    expect(noticeSchema.safeParse({ ...notice, title: "𠀀".repeat(101) }).success).toBe(false);
    expect(scheduleSchema.parse({ deadlineDate, deadlineTime, reminders }).reminderOffsets).toEqual([-4320, 60]);
  });
});

function zipWith(names: string[]): Buffer {
  const cfb = XLSX.CFB.utils.cfb_new();
  for (const name of names) XLSX.CFB.utils.cfb_add(cfb, name, Buffer.from("<x/>"));
  return XLSX.CFB.write(cfb, { type: "buffer", fileType: "zip" }) as Buffer;
}

describe("sniffAttachment", () => {
  it("knows a PDF by %PDF-, whatever it is called", () => {
    expect(sniffAttachment(Buffer.from("%PDF-1.7\n%…"))).toBe("pdf");
  });

  it("tells a DOCX from an XLSX by the entries inside the zip", () => {
    expect(sniffAttachment(zipWith(["[Content_Types].xml", "word/document.xml"]))).toBe("docx");
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet([["单位名称"]]), "Sheet1");
    expect(sniffAttachment(XLSX.write(workbook, { type: "buffer", bookType: "xlsx" }) as Buffer)).toBe("xlsx");
  });

  it("refuses other zips, old Office files, executables and truncated archives", () => {
    expect(sniffAttachment(zipWith(["[Content_Types].xml", "ppt/presentation.xml"]))).toBeNull();
    expect(sniffAttachment(zipWith(["word/document.xml"]))).toBeNull();
    expect(sniffAttachment(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBeNull();
    expect(sniffAttachment(Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200)]))).toBeNull();
    const docx = zipWith(["[Content_Types].xml", "word/document.xml"]);
    expect(sniffAttachment(docx.subarray(0, docx.length - 30))).toBeNull();
    expect(sniffAttachment(Buffer.alloc(0))).toBeNull();
  });

  it("serves the file under the extension its bytes say, keeping the name", () => {
    expect(attachmentFileName("附件1 单位系统管理员实名信息表.pdf", "xlsx")).toBe("附件1 单位系统管理员实名信息表.xlsx");
    expect(attachmentFileName("../../etc/passwd", "pdf")).toBe(".._.._etc_passwd.pdf");
    expect(attachmentFileName("", "docx")).toBe("附件.docx");
  });
});
