// The contacts of the city's delegates from an .xlsx (单位名称, 姓名, 联系电话, 邮箱) as a kind of import: each row
// opens the 填报员 account of one delegate that has none, as 「开通账号」 does; one wrong row and nobody is invited.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { unitKind, userStatus } from "@/db/schema";
import { recordAudit } from "@/lib/core/audit";
import { normalizeName, normalizePhone } from "@/lib/roster/rules";
import { checkListEmails, emailHolders, type EmailHolder } from "@/lib/users/invite";
import { subtree } from "@/lib/units/tree";
import { looseName } from "@/lib/xlsx/match";
import { headingsOf, type TableRow, type TableSpec } from "@/lib/xlsx/parse";
import { type ImportKind, type ImportPlan, type PreviewRow, refuseRows } from "@/lib/xlsx/pipeline";
import { accountHeldMessage, delegateAccount, type DelegateWithAccount, inviteDelegateUser } from "./account";

type ContactColumn = "unit" | "name" | "phone" | "email";

export const CONTACTS_TABLE: TableSpec<ContactColumn> = {
  columns: {
    unit: ["单位名称", "单位"],
    name: ["姓名", "联系人"],
    phone: ["联系电话", "电话", "手机号码", "手机"],
    email: ["邮箱", "电子邮箱", "邮箱地址"],
  },
  emptyMessage: "表头下面没有联系人，请每个单位填写一行后再导入。",
};

export const CONTACTS_HEADINGS = headingsOf(CONTACTS_TABLE.columns);

/** A unit of the city's table, and whether it is a delegate (and with which account). */
type TableUnit = DelegateWithAccount & { delegate: boolean };

export type ContactInvite = { unit: DelegateWithAccount; name: string; phone: string; email: string };

/** Pure: each row's invitation, or why it cannot be made. */
export function planContacts(rows: readonly TableRow<ContactColumn>[], { units, holders }: { units: readonly TableUnit[]; holders: ReadonlyMap<string, EmailHolder> }): ImportPlan<ContactColumn, ContactInvite> {
  const byName = new Map<string, TableUnit[]>();
  for (const unit of units) byName.set(looseName(unit.name), [...(byName.get(looseName(unit.name)) ?? []), unit]);
  const emails = checkListEmails(rows.map((row) => ({ line: row.line, email: row.values.email })), holders);
  const linesOfUnit = new Map<string, number[]>();
  for (const row of rows) if (row.values.unit) linesOfUnit.set(looseName(row.values.unit), [...(linesOfUnit.get(looseName(row.values.unit)) ?? []), row.line]);

  const previewRows: PreviewRow<ContactColumn>[] = [];
  const writes: ContactInvite[] = [];
  for (const row of rows) {
    const v = row.values;
    const errors = Object.entries(row.cellErrors).map(([c, e]) => `${CONTACTS_TABLE.columns[c as ContactColumn][0]}：单元格是错误值 ${e}，请改为文字`);

    const matches = byName.get(looseName(v.unit)) ?? [];
    const unit = matches.length === 1 ? matches[0] : undefined;
    const unitLines = linesOfUnit.get(looseName(v.unit)) ?? [];
    if (!v.unit) errors.push("单位名称：请填写");
    else if (matches.length > 1) errors.push(`单位名称：本表中有 ${matches.length} 个单位叫「${v.unit}」，请联系省教育厅核对单位库`);
    else if (!unit) errors.push(`单位名称：本表中没有「${v.unit}」，请核对名称`);
    else if (!unit.delegate) errors.push(`单位名称：「${unit.name}」没有分派本表的行，请先分派，再开通账号`);
    else if (unitLines.length > 1) errors.push(`单位名称：「${unit.name}」在第 ${unitLines.join("、")} 行重复出现，每个单位开通一个填报账号`);
    else {
      const held = accountHeldMessage(unit);
      if (held) errors.push(`单位名称：${held}`);
    }

    const name = normalizeName(v.name);
    if (!name.ok) errors.push(`姓名：${name.message}`);
    const phone = normalizePhone(v.phone);
    if (!phone.ok) errors.push(`联系电话：${phone.message}`);
    const { email } = emails.get(row.line)!;
    errors.push(...emails.get(row.line)!.errors);

    const shown = { unit: unit?.name ?? v.unit, name: name.ok ? name.value : v.name, phone: phone.ok ? phone.value : v.phone, email: email ?? v.email };
    if (errors.length > 0 || !unit || !name.ok || !phone.ok || !email) {
      previewRows.push({ line: row.line, values: shown, status: "error", changes: [], errors, warnings: [] });
      continue;
    }
    previewRows.push({ line: row.line, values: shown, status: "new", changes: [], errors, warnings: [] });
    writes.push({ unit, name: name.value, phone: phone.value, email });
  }
  return { rows: previewRows, writes };
}

/** Every unit of the city's table (its own bureau's row too, which is no delegate), with the delegates' accounts. */
async function tableUnits(tx: Tx, submissionId: number): Promise<TableUnit[]> {
  return queryRows(
    tx,
    {
      id: col.int,
      name: col.text,
      kind: col.oneOf(unitKind.enumValues),
      delegate: col.bool,
      userId: col.intOrNull,
      userName: col.textOrNull,
      userStatus: col.oneOf(userStatus.enumValues).nullable(),
    },
    sql`select u.id, u.name, u.kind, d.id is not null as delegate, a.id as "userId", a.name as "userName", a.status as "userStatus"
        from ${subtree({ roots: sql`(select unit_id from submissions where id = ${submissionId})`, activeOnly: true })} t
        join units u on u.id = t.id
        left join delegations d on d.submission_id = ${submissionId} and d.delegate_unit_id = u.id
        left join lateral ${delegateAccount(sql`u.id`)} a on d.id is not null`,
  );
}

/** The contacts list of one city table's delegates. */
export const contactsImport = (submissionId: number): ImportKind<ContactColumn, ContactInvite> => ({
  ...CONTACTS_TABLE,
  target: () => ({ type: "submission", id: submissionId }),
  plan: async (tx, rows) => planContacts(rows, { units: await tableUnits(tx, submissionId), holders: await emailHolders(tx) }),
  async write({ tx, actor, now }, plan) {
    for (const [i, invite] of plan.writes.entries()) {
      const userId = await inviteDelegateUser(tx, invite.unit, invite, { actorId: actor.userId, now });
      // Rows and invitations line up: a plan without errors has one invitation per row.
      if (!userId) throw refuseRows([{ ...plan.rows[i], status: "error", errors: ["邮箱：该邮箱刚刚已被其他账号使用"] }]);
      // One row per account, as 「开通账号」 writes, so the log can be searched by the person invited.
      await recordAudit(tx, {
        action: "delegation.invite",
        outcome: "success",
        userId: actor.userId,
        role: actor.role,
        unitId: actor.unitId,
        targetType: "user",
        targetId: userId,
        at: now,
        detail: { submissionId, unitId: invite.unit.id, bulk: true },
      });
    }
  },
});
