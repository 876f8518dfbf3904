import { describe, expect, it } from "vitest";
import type { CampaignStatus, Role, SubmissionStatus } from "@/db/schema";
import {
  isEditable,
  isFillerOf,
  type Readiness,
  type SubmissionState,
  submitBlockers,
  TRANSITIONS,
  type Transition,
  transitionBlocker,
} from "@/lib/submissions/workflow";

const STATUSES: SubmissionStatus[] = ["draft", "submitted", "returned", "approved"];
const CAMPAIGN_STATUSES: CampaignStatus[] = ["draft", "published", "closed"];

// Written out here rather than read from TRANSITIONS, so a change to the table has to change this test too.
const EXPECTED: Record<Transition, { from: SubmissionStatus[]; to: SubmissionStatus }> = {
  submit: { from: ["draft", "returned"], to: "submitted" },
  withdraw: { from: ["submitted"], to: "draft" },
  approve: { from: ["submitted"], to: "approved" },
  return: { from: ["submitted"], to: "returned" },
};
const TRANSITION_NAMES = Object.keys(EXPECTED) as Transition[];

function state(status: SubmissionStatus, overrides: Partial<SubmissionState> = {}): SubmissionState {
  return { status, unitId: 7, reviewOpenedAt: null, campaignStatus: "published", ...overrides };
}

describe("the transition table", () => {
  it("has exactly the four transitions, each to its one target state", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...TRANSITION_NAMES].sort());
    for (const name of TRANSITION_NAMES) {
      expect([...TRANSITIONS[name].from].sort(), name).toEqual([...EXPECTED[name].from].sort());
      expect(TRANSITIONS[name].to, name).toBe(EXPECTED[name].to);
    }
  });

  const cases = TRANSITION_NAMES.flatMap((t) => STATUSES.map((s) => [t, s, EXPECTED[t].from.includes(s)] as const));
  it.each(cases)("%s from %s: allowed = %s (published campaign, review not opened)", (transition, status, allowed) => {
    const blocker = transitionBlocker(transition, state(status));
    if (allowed) expect(blocker).toBeNull();
    else expect(blocker).toEqual(expect.any(String));
  });

  it("blocks withdrawing once a reviewer has opened the submission, but not the review itself", () => {
    const opened = state("submitted", { reviewOpenedAt: new Date("2021-11-25T02:00:00Z") });
    expect(transitionBlocker("withdraw", opened)).toContain("已开始审核");
    expect(transitionBlocker("withdraw", state("submitted"))).toBeNull();
    expect(transitionBlocker("approve", opened)).toBeNull();
    expect(transitionBlocker("return", opened)).toBeNull();
  });

  it.each(TRANSITION_NAMES.flatMap((t) => STATUSES.map((s) => [t, s] as const)))(
    "a closed campaign blocks %s from %s, even from its allowed states",
    (transition, status) => {
      expect(transitionBlocker(transition, state(status, { campaignStatus: "closed" }))).toBe("本任务已结束，不再接受提交或修改。");
    },
  );

  it("an unpublished campaign blocks every transition", () => {
    for (const transition of TRANSITION_NAMES) {
      for (const status of STATUSES) expect(transitionBlocker(transition, state(status, { campaignStatus: "draft" }))).toBe("本任务尚未发布。");
    }
  });
});

describe("isEditable", () => {
  it.each(CAMPAIGN_STATUSES.flatMap((c) => STATUSES.map((s) => [c, s] as const)))("campaign %s, submission %s", (campaignStatus, status) => {
    const expected = campaignStatus === "published" && (status === "draft" || status === "returned");
    expect(isEditable(state(status, { campaignStatus }))).toBe(expected);
  });
});

describe("isFillerOf", () => {
  const submission = { unitId: 7 };
  it.each<[Role, boolean]>([
    ["city_officer", true],
    ["county_officer", true],
    ["school_staff", true],
    ["province_admin", false],
    ["province_reviewer", false],
    ["auditor", false],
  ])("%s of the reporting unit: %s", (role, expected) => {
    expect(isFillerOf({ role, unitId: 7 }, submission)).toBe(expected);
  });

  it("is false for a filler of any other unit, including a parent unit", () => {
    expect(isFillerOf({ role: "city_officer", unitId: 8 }, submission)).toBe(false);
    expect(isFillerOf({ role: "school_staff", unitId: 1 }, submission)).toBe(false);
  });
});

describe("submitBlockers", () => {
  const ready: Readiness = { rowsExpected: 5, rowsFilled: 5, fillerName: "王芳", fillerPhone: "13800138000", scan: "current", unconfirmedCount: 0, unconfirmed: [] };

  it("is empty when everything is there", () => {
    expect(submitBlockers(ready)).toEqual([]);
  });

  it.each<[string, Partial<Readiness>, string]>([
    ["incomplete rows", { rowsFilled: 3 }, "还有 2 个单位的管理员信息未填写完整"],
    ["no rows at all", { rowsFilled: 0 }, "还有 5 个单位的管理员信息未填写完整"],
    ["no 填报人", { fillerName: null }, "请填写填报人"],
    ["an empty 填报人", { fillerName: "" }, "请填写填报人"],
    ["no 联系电话", { fillerPhone: null }, "请填写填报人联系电话"],
    ["no stamped scan", { scan: "missing" }, "请上传盖章后的扫描件"],
    ["a scan of the table before a later change", { scan: "outdated" }, "扫描件已过期：表格在上传后有修改，请重新打印盖章上传"],
    ["a scan a 「退回」 asked to replace", { scan: "rejected" }, "审核员退回时要求重新上传盖章扫描件，请重新打印盖章上传"],
  ])("names %s, and only that", (_label, missing, message) => {
    expect(submitBlockers({ ...ready, ...missing })).toEqual([message]);
  });

  it("lists every missing item at once, in the order of the page", () => {
    expect(submitBlockers({ rowsExpected: 4, rowsFilled: 1, fillerName: null, fillerPhone: null, scan: "missing", unconfirmedCount: 0, unconfirmed: [] })).toEqual([
      "还有 3 个单位的管理员信息未填写完整",
      "请填写填报人",
      "请填写填报人联系电话",
      "请上传盖章后的扫描件",
    ]);
  });
});
