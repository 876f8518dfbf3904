import type { AuditAction } from "@/lib/core/audit-actions";
import { describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/core/audit";
import { runForRequest } from "@/lib/core/request";
import { saveRowCommand } from "@/lib/roster/commands";
import { actorFor, auditOf, CITY_EMAIL, freshSeededDatabaseEachTest, REVIEWER_EMAIL, rowInput, run, SHIJIAZHUANG, submissionOf, unitByCode } from "../support/actors";

const world = freshSeededDatabaseEachTest();
const REQUEST = { requestId: "5d1c0a8e-3f59-4c1e-9d53-4b8f3c1e2a77", ip: "203.0.113.9" };

describe("audit rows of a request", () => {
  it("carry the request's id, whether the command succeeds or is refused", async () => {
    const { db } = world;
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const bureau = await unitByCode(db, SHIJIAZHUANG);
    const input = rowInput(submission.id, bureau.id);
    const [officer, reviewer] = [await actorFor(db, CITY_EMAIL), await actorFor(db, REVIEWER_EMAIL)];
    await runForRequest(REQUEST, () => run(db, saveRowCommand, input, officer));
    await runForRequest(REQUEST, () => run(db, saveRowCommand, input, reviewer));

    const rows = await auditOf(db, "roster.save_row");
    expect(rows.map((r) => [r.outcome, r.requestId])).toEqual([
      ["success", REQUEST.requestId],
      ["denied", REQUEST.requestId],
    ]);
  });

  it("take the request's client address when the writer names none, and carry no request id outside a request", async () => {
    const { db } = world;
    await runForRequest(REQUEST, () => recordAudit(db, { action: "test.inside" as AuditAction, outcome: "success" }));
    await recordAudit(db, { action: "test.outside" as AuditAction, outcome: "success", ip: "10.0.0.9" });

    expect(await auditOf(db, "test.inside")).toMatchObject([{ requestId: REQUEST.requestId, ip: REQUEST.ip }]);
    expect(await auditOf(db, "test.outside")).toMatchObject([{ requestId: null, ip: "10.0.0.9" }]);
  });
});
