import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { type Role, type UnitKind, unitKind, users } from "@/db/schema";
import { sendActivation } from "@/lib/accounts/invitations";
import { ROLE_BY_UNIT_KIND } from "@/lib/accounts/rules";
import { unitsInScope } from "@/lib/authz/scope";
import type { Actor } from "@/lib/core/actor";
import type { FieldErrors } from "@/lib/core/errors";
import { MINISTRY_ROLES, PROVINCE_ROLES, ROLE_LABELS } from "@/lib/core/roles";
import { normalizeEmail } from "@/lib/roster/rules";
import { activeSubtreeIds } from "@/lib/units/tree";
import { UNIT_KIND_LABELS } from "@/lib/registry/schemas";
import { roleFitsUnit } from "./rules";

export type Invitation = { email: string; name: string; unitId: number; role: Role; phone?: string };

/** A unit as an account sees it: usable only when it and every unit above it are active. */
export type AccountUnit = { id: number; name: string; code: string; kind: UnitKind; usable: boolean };
export type EmailHolder = { name: string; unitName: string };

/**
 * The units of the actor's scope with whether an account may belong to them; `unitId` narrows to one,
 * row-locked against deactivation until the transaction ends.
 */
export async function accountUnits(tx: Tx, actor: Pick<Actor, "role" | "unitId">, unitId?: number): Promise<AccountUnit[]> {
  return queryRows(
    tx,
    { id: col.int, name: col.text, code: col.text, kind: col.oneOf(unitKind.enumValues), usable: col.bool },
    sql`select id, name, code, kind, id in ${activeSubtreeIds(actor.unitId)} as usable from units
    where id in ${unitsInScope(actor)} ${unitId === undefined ? sql`` : sql`and id = ${unitId} for share`}`,
  );
}

export async function emailHolders(tx: Tx, email?: string): Promise<Map<string, EmailHolder>> {
  const rows = await queryRows(
    tx,
    { email: col.text, name: col.text, unitName: col.text },
    sql`
    select lower(u.email) as email, u.name, n.name as "unitName" from users u join units n on n.id = u.unit_id
    ${email === undefined ? sql`` : sql`where lower(u.email) = ${email}`}`,
  );
  return new Map(rows.map(({ email: address, ...holder }) => [address, holder]));
}

/** The roles an account at a unit of this kind may have. */
export function rolesForUnitKind(kind: UnitKind): readonly Role[] {
  if (kind === "ministry") return MINISTRY_ROLES;
  if (kind === "province_bureau") return PROVINCE_ROLES;
  const role = ROLE_BY_UNIT_KIND[kind];
  return role ? [role] : [];
}

/** Why an account cannot belong to this unit with this role, as field errors (empty when it can). */
export function unitProblems(role: Role, unit: AccountUnit | undefined): FieldErrors {
  if (!unit) return { unitId: "所在单位：该单位不在单位库中，请重新选择" };
  if (!unit.usable) return { unitId: `所在单位：「${unit.name}」已停用（或其上级单位已停用），请选择启用中的单位` };
  if (roleFitsUnit(role, unit.kind)) return {};
  const fitting = rolesForUnitKind(unit.kind).map((r) => `「${ROLE_LABELS[r]}」`);
  return { role: `角色：「${unit.name}」是${UNIT_KIND_LABELS[unit.kind]}，其账号角色应为${fitting.join("或")}，请更换角色或单位` };
}

export function emailProblem(email: string, holder: EmailHolder | undefined): FieldErrors {
  return holder ? { email: `邮箱：${email} 已是「${holder.unitName}」${holder.name}的登录账号，每个邮箱只能开设一个账号` } : {};
}

/**
 * The 邮箱 column of an invitation list, by row: the address, or null when malformed, and why it cannot be a new
 * account's login (malformed, on two rows of the list — an error on both — or already in use).
 */
export function checkListEmails(rows: readonly { line: number; email: string }[], holders: ReadonlyMap<string, EmailHolder>): Map<number, ListEmail> {
  const parsed = rows.map((row) => ({ line: row.line, result: normalizeEmail(row.email) }));
  const linesOf = new Map<string, number[]>();
  for (const { line, result } of parsed) if (result.ok) linesOf.set(result.value, [...(linesOf.get(result.value) ?? []), line]);
  const checked = new Map<number, ListEmail>();
  for (const { line, result } of parsed) {
    if (!result.ok) {
      checked.set(line, { email: null, errors: [`邮箱：${result.message}`] });
      continue;
    }
    const lines = linesOf.get(result.value) ?? [];
    const twice = lines.length > 1 ? [`邮箱：${result.value} 在第 ${lines.join("、")} 行重复出现，每个邮箱只能开设一个账号`] : [];
    checked.set(line, { email: result.value, errors: [...twice, ...Object.values(emailProblem(result.value, holders.get(result.value)))] });
  }
  return checked;
}

type ListEmail = { email: string | null; errors: string[] };

/** Creates the invited account and queues its activation email (72-hour single-use link). Null when the email was taken meanwhile. */
export async function createInvitedUser(tx: Tx, invitation: Invitation, { actorId, now }: { actorId: number; now: Date }): Promise<number | null> {
  const [user] = await tx
    .insert(users)
    .values({ ...invitation, status: "invited", createdAt: now })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (!user) return null;
  await sendActivation(tx, { userId: user.id, actorId, now });
  return user.id;
}
