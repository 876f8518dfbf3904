// What the 三级联动 tests share: 石家庄's table with 长安区 and its schools, the internal deadline they are given, and a
// delegate handing in (or withdrawing) at the version its page would show.
import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/index";
import { delegations, submissions, units } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { handInCommand } from "@/lib/delegation/commands";
import { getDelegationPanelBySubmission } from "@/lib/delegation/queries";
import { actorFor, CHANGAN, CITY_EMAIL, COUNTY_EMAIL, run, SHIJIAZHUANG, submissionOf, unitByCode } from "./actors";

/** 2025年3月5日 17:00, two days before the seeded campaign's deadline at the tests' NOW. */
export const DELEGATE_DEADLINE = { deadlineDate: "2025-03-05", deadlineTime: "17:00" };
export const DELEGATE_DEADLINE_AT = new Date("2025-03-05T09:00:00Z");

/** The city's table, its officer, 长安区 and its officer, and 长安区's active schools in the registry. */
export async function cityAndCounty(db: Db) {
  const submission = await submissionOf(db, SHIJIAZHUANG);
  const city = await actorFor(db, CITY_EMAIL);
  const county = await actorFor(db, COUNTY_EMAIL);
  const changan = await unitByCode(db, CHANGAN);
  const schools = await db.select().from(units).where(and(eq(units.reportingParentId, changan.id), eq(units.kind, "school"), eq(units.active, true))).orderBy(units.id);
  expect(schools.length).toBeGreaterThan(0);
  return { submission, city, county, changan, schools };
}

/** The delegation of this unit (the tests delegate one table only). */
export async function delegationOf(db: Db, delegateUnitId: number) {
  const [delegation] = await db.select().from(delegations).where(eq(delegations.delegateUnitId, delegateUnitId));
  return delegation;
}

/** 提交给市级 (or, with withdrawHandInCommand, 撤回) as the delegate's page would send it. */
export async function handIn(db: Db, actor: Actor, delegateUnitId: number, command = handInCommand) {
  const { id, version } = await delegationOf(db, delegateUnitId);
  return run(db, command, { delegationId: id, expectedVersion: version }, actor);
}

/** The city's 分派填报 panel as its table page reads it. */
export async function panelOf(db: Db, submissionId: number) {
  const [submission] = await db.select().from(submissions).where(eq(submissions.id, submissionId));
  return getDelegationPanelBySubmission({ db, submission });
}
