// The demo's 三级联动: 石家庄 hands every county its own row and its schools' rows, so changan@ opens the portal as
// 长安区教育局's delegate and the whole chain (分派 → 下级填写 → 提交给市级 → 确认 → 提交省级) shows at once.
// Through the city officer's own command, audited as the seed's act of that officer; the other cities do not delegate.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../index";
import { col, queryRow } from "../rows";
import { units, users } from "../schema";
import type { Actor } from "@/lib/core/actor";
import { executeCommand } from "@/lib/core/command";
import { assignCommand } from "@/lib/delegation/commands";
import { defaultDelegateDeadline } from "@/lib/delegation/rules";
import { toBeijing } from "@/lib/campaigns/schedule";
import { CAMPAIGN_DOC_NUMBER, DEMO_LOGINS } from "./index";

const CITY_EMAIL = DEMO_LOGINS.find((l) => l.role === "city_officer")!.email;

/** Delegates 石家庄's counties once: a table that was ever delegated (the demo may have taken rows back) is left as it is. */
export async function seedDemoDelegation(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<{ assigned: number }> {
  const [city] = await db
    .select({ user: users, unit: { name: units.name, kind: units.kind } })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.email, CITY_EMAIL), eq(users.status, "active")));
  if (!city) return { assigned: 0 };
  const table = await queryRow(
    db,
    { submissionId: col.int, deadline: col.instant, delegated: col.bool, counties: col.json<number[]>() },
    sql`select s.id as "submissionId", c.deadline,
               exists (select 1 from submission_events e where e.submission_id = s.id and e.action like 'delegation.%') as delegated,
               (select coalesce(json_agg(u.id order by u.code), '[]') from units u where u.reporting_parent_id = s.unit_id and u.kind = 'county_bureau' and u.active) as counties
        from submissions s join campaigns c on c.id = s.campaign_id
        where c.doc_number = ${CAMPAIGN_DOC_NUMBER} and s.unit_id = ${city.user.unitId} and s.status = 'draft'`,
  );
  if (!table || table.delegated || table.counties.length === 0) return { assigned: 0 };
  const actor: Actor = {
    userId: city.user.id,
    sessionId: "seed",
    name: city.user.name,
    email: city.user.email,
    role: city.user.role,
    unitId: city.user.unitId,
    unitName: city.unit.name,
    unitKind: city.unit.kind,
  };
  const { date, time } = toBeijing(defaultDelegateDeadline(table.deadline));
  const result = await executeCommand(
    assignCommand,
    { submissionId: table.submissionId, unitIds: table.counties, collectSchools: true, deadlineDate: date, deadlineTime: time },
    { db, actor, ip: null, now },
  );
  if (!result.ok) throw new Error(`seeding 石家庄's delegation failed: ${JSON.stringify(result)}`);
  return result.data;
}
