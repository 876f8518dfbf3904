// Invitations from an .xlsx (邮箱, 姓名, 所在单位, 角色) as a kind of import: every row is checked with
// the single invitation's own rules before anything is written; a commit invites every row or, with a
// single row in error, none.
import type { Role } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { recordAudit } from "@/lib/core/audit";
import { ROLE_LABELS, ROLES } from "@/lib/core/roles";
import { normalizeName } from "@/lib/roster/rules";
import { looseName } from "@/lib/xlsx/match";
import { headingsOf, type TableRow, type TableSpec } from "@/lib/xlsx/parse";
import { type ImportKind, type ImportPlan, type PreviewRow, refuseRows } from "@/lib/xlsx/pipeline";
import { type AccountUnit, accountUnits, checkListEmails, createInvitedUser, type EmailHolder, emailHolders, type Invitation, rolesForUnitKind, unitProblems } from "./invite";
import { managesAccount, outsideRemitMessage } from "./rules";

type InviteColumn = "email" | "name" | "unit" | "role";

export const INVITE_TABLE: TableSpec<InviteColumn> = {
  columns: {
    email: ["邮箱", "电子邮箱", "登录邮箱", "邮箱地址", "email"],
    name: ["姓名", "用户姓名"],
    unit: ["所在单位", "单位", "单位名称", "单位代码"],
    role: ["角色", "用户角色"],
  },
  emptyMessage: "表头下面没有要邀请的用户，请每人填写一行后再导入。",
};

export const INVITE_HEADINGS = headingsOf(INVITE_TABLE.columns);

const ROLE_BY_TEXT = new Map(ROLES.flatMap((r) => [[ROLE_LABELS[r], r] as const, [r, r] as const]));

/** Pure: each row's invitation, or why it cannot be made. An email twice in the file is an error on both rows. */
export function planInvitations(
  rows: readonly TableRow<InviteColumn>[],
  { units, holders, manages }: { units: readonly AccountUnit[]; holders: ReadonlyMap<string, EmailHolder>; manages: (role: Role) => boolean },
): ImportPlan<InviteColumn, Invitation> {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const emails = checkListEmails(rows.map((row) => ({ line: row.line, email: row.values.email })), holders);

  const previewRows: PreviewRow<InviteColumn>[] = [];
  const invitations: Invitation[] = [];
  for (const row of rows) {
    const v = row.values;
    const errors = Object.entries(row.cellErrors).map(([c, e]) => `${INVITE_TABLE.columns[c as InviteColumn][0]}：单元格是错误值 ${e}，请改为文字`);
    const { email } = emails.get(row.line)!;
    errors.push(...emails.get(row.line)!.errors);
    const name = normalizeName(v.name);
    if (!name.ok) errors.push(`姓名：${name.message}`);

    const unitText = v.unit.normalize("NFKC").trim();
    const found = byCode.get(unitText.toUpperCase()) ?? units.filter((u) => u.name === unitText || looseName(u.name) === looseName(unitText));
    const matches = Array.isArray(found) ? found : [found];
    const unit = matches.length === 1 ? matches[0] : undefined;
    if (!unitText) errors.push("所在单位：请填写单位名称或单位代码");
    else if (matches.length > 1) errors.push(`所在单位：单位库中有 ${matches.length} 个单位叫「${unitText}」，请改填单位代码`);
    else if (!unit) errors.push(`所在单位：单位库中没有「${unitText}」，请核对名称或代码`);

    const roleText = v.role.normalize("NFKC").trim();
    const implied = unit && !roleText && rolesForUnitKind(unit.kind).length === 1 ? rolesForUnitKind(unit.kind)[0] : undefined;
    const role = ROLE_BY_TEXT.get(roleText) ?? implied;
    if (!role) errors.push(roleText ? `角色：「${roleText}」不是系统的角色，请填写 ${ROLES.map((r) => ROLE_LABELS[r]).join("、")} 之一` : "角色：请填写");
    if (role && !manages(role)) errors.push(`角色：${outsideRemitMessage(role)}`);
    else if (role && unit) errors.push(...Object.values(unitProblems(role, unit)));

    const shown = { email: email ?? v.email, name: name.ok ? name.value : v.name, unit: unit?.name ?? v.unit, role: role ? ROLE_LABELS[role] : v.role };
    if (errors.length > 0 || !email || !name.ok || !unit || !role) {
      previewRows.push({ line: row.line, values: shown, status: "error", changes: [], errors, warnings: [] });
      continue;
    }
    previewRows.push({ line: row.line, values: shown, status: "new", changes: [], errors, warnings: [] });
    invitations.push({ email, name: name.value, unitId: unit.id, role });
  }
  return { rows: previewRows, writes: invitations };
}

/** The invitation list as a kind of import. */
/** The invitation list of an administrator: only rows of the roles it manages (三员分立) can be invited. */
export const invitationImport = (actor: Actor): ImportKind<InviteColumn, Invitation> => ({
  ...INVITE_TABLE,
  target: (step) => ({ type: "user_import", id: step }),
  plan: async (tx, rows) =>
    planInvitations(rows, { units: await accountUnits(tx, actor), holders: await emailHolders(tx), manages: (role) => managesAccount(actor.role, role) }),
  async write({ tx, actor, now }, plan) {
    for (const [i, invitation] of plan.writes.entries()) {
      const userId = await createInvitedUser(tx, invitation, { actorId: actor.userId, now });
      // Rows and invitations line up: a plan without errors has one invitation per row.
      if (!userId) throw refuseRows([{ ...plan.rows[i], status: "error", errors: ["邮箱：该邮箱刚刚已被其他账号使用"] }]);
      // One row per account, as a single invitation writes, so the log can be searched by the person invited.
      await recordAudit(tx, { action: "user.invite", outcome: "success", userId: actor.userId, role: actor.role, unitId: actor.unitId, targetType: "user", targetId: userId, at: now, detail: { email: invitation.email, role: invitation.role, unitId: invitation.unitId, bulk: true } });
    }
  },
});
