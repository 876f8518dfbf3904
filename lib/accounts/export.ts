import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { col, queryRows } from "@/db/rows";
import { campaigns, role, userStatus, type UserStatus } from "@/db/schema";
import { isCampaignInScope } from "@/lib/authz/scope";
import { may } from "@/lib/core/policy";
import { ROLE_LABELS } from "@/lib/core/roles";
import { registryKey } from "@/lib/units/tree";
import { FIELD_LABELS } from "@/lib/roster/schemas";
import { compactDate } from "@/lib/time";
import type { BuildDownload } from "@/lib/downloads/audited";
import { exportWatermark, xlsxBody } from "@/lib/xlsx/styled-workbook";

export const ACCOUNT_LIST_TITLE = "账号开通清单";

const STATUS_LABELS: Record<UserStatus, string> = { invited: "待激活", active: "已激活", locked: "已激活", disabled: "已停用" };

const HEADER = ["序号", "报送单位", FIELD_LABELS.unitName, FIELD_LABELS.schoolCode, FIELD_LABELS.name, FIELD_LABELS.position, FIELD_LABELS.phone, "登录账号（邮箱）", "角色", "账号状态"];

/** 「账号开通清单」: every account the campaign's approvals issued, one per unit, for the national system's bulk import. */
export function accountListExport(campaignId: number): BuildDownload {
  return async (tx, actor, now) => {
    if (!may(actor.role, "review.read")) return null;
    const [campaign] = await tx.select({ id: campaigns.id }).from(campaigns).where(and(eq(campaigns.id, campaignId), ne(campaigns.status, "draft"), isCampaignInScope(actor, sql`${campaigns.ownerUnitId}`)));
    if (!campaign) return null;
    const rows = await queryRows(
      tx,
      {
        reportingUnit: col.text,
        unitName: col.text,
        schoolCode: col.textOrNull,
        name: col.text,
        position: col.text,
        phone: col.text,
        email: col.text,
        role: col.oneOf(role.enumValues),
        status: col.oneOf(userStatus.enumValues),
      },
      sql`
      select ru.name as "reportingUnit", u.name as "unitName", e.school_code as "schoolCode", e.name, e.position, e.phone, us.email, us.role, us.status
      from roster_entries e
      join submissions s on s.id = e.submission_id and s.status = 'approved'
      join users us on us.id = e.issued_user_id
      join units u on u.id = e.unit_id
      join units ru on ru.id = s.unit_id
      where e.campaign_id = ${campaignId}
      order by ${registryKey("ru")}, e.unit_id`,
    );
    const body = rows.map((r, i) => [
      i + 1,
      r.reportingUnit,
      r.unitName,
      r.schoolCode ?? "",
      r.name,
      r.position,
      r.phone,
      r.email,
      ROLE_LABELS[r.role],
      STATUS_LABELS[r.status],
    ]);
    return {
      ...xlsxBody([{ name: ACCOUNT_LIST_TITLE, title: ACCOUNT_LIST_TITLE, lines: [exportWatermark(actor, now)], header: HEADER, rows: body, filter: true }]),
      fileName: `${ACCOUNT_LIST_TITLE}-${compactDate(now)}.xlsx`,
      rows: body.length,
      personal: true,
      target: { type: "campaign", id: campaign.id },
    };
  };
}
