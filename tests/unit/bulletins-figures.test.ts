import { describe, expect, it } from "vitest";
import { type BulletinData, bulletinDate, bulletinOpening, suggestBulletinTitle } from "@/lib/bulletins/figures";
import { type Figures, figureCells, firstPassRate, formatRate } from "@/lib/campaigns/figures";

const figures = (overrides: Partial<Figures>): Figures => ({ expected: 0, submitted: 0, onTime: 0, late: 0, missing: 0, returned: 0, approved: 0, firstPass: 0, reviewed: 0, ...overrides });

describe("the first-pass approval rate", () => {
  it("is approved-without-return out of everything reviewed, and a dash before any review", () => {
    expect(firstPassRate(figures({ firstPass: 7, reviewed: 12 }))).toBeCloseTo(7 / 12);
    expect(formatRate(firstPassRate(figures({ firstPass: 7, reviewed: 12 })))).toBe("58.3%");
    expect(formatRate(firstPassRate(figures({ firstPass: 3, reviewed: 3 })))).toBe("100.0%");
    expect(formatRate(firstPassRate(figures({ submitted: 5 })))).toBe("—");
  });

  it("appears in its column among the counts", () => {
    expect(figureCells(figures({ expected: 25, submitted: 25, onTime: 20, late: 5, approved: 25, firstPass: 20, reviewed: 25, returned: 5 }))).toEqual([25, 25, 20, 5, 0, 5, 25, "80.0%"]);
  });
});

describe("the register of a provincial bulletin", () => {
  it("turns 关于做好X的通知 into 关于X报送情况的通报", () => {
    expect(suggestBulletinTitle("关于做好全国中等职业学校管理信息系统应用准备工作的通知")).toBe("关于全国中等职业学校管理信息系统应用准备工作报送情况的通报");
    expect(suggestBulletinTitle("关于报送联络员信息的通知")).toBe("关于报送联络员信息报送情况的通报");
  });

  it("opens with the province-wide figures on both bases, each named, as of the snapshot, dated in Beijing time", () => {
    const data = {
      campaign: { id: 1, title: "关于做好某项工作的通知", docNumber: "冀教办函〔2021〕26号", issuer: "河北省教育厅办公室", deadline: "2021-11-26T09:00:00Z", salutation: null },
      generatedAt: "2021-11-30T16:30:00Z",
      overview: {
        reporting: figures({ expected: 24, submitted: 22, onTime: 20, late: 2, missing: 2, returned: 3, approved: 19, firstPass: 18, reviewed: 20 }),
        covered: figures({ expected: 220, submitted: 200, onTime: 190, late: 10, missing: 20, returned: 15, approved: 180, firstPass: 170, reviewed: 185 }),
      },
      reportingUnits: { rows: [], total: figures({}) },
      citySchools: { rows: [], total: figures({}) },
    } satisfies BulletinData;
    expect(bulletinOpening(data)).toBe(
      "按照《关于做好某项工作的通知》（冀教办函〔2021〕26号）要求，截至2021年12月1日 00:30，" +
        "全省报送单位 24 个，已报送 22 个（其中按时报送 20 个，逾期报送 2 个），未报送 2 个，审核通过 19 个，曾被退回 3 个，一次通过率 90.0%；" +
        "各表覆盖单位 220 个，已报送 200 个（其中按时报送 190 个，逾期报送 10 个），未报送 20 个，审核通过 180 个，曾被退回 15 个，一次通过率 91.9%。现将有关情况通报如下。",
    );
    expect(bulletinDate(data)).toBe("2021年12月1日");
  });
});
