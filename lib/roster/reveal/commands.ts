// 「查看完整信息」 apart from the roster's write commands: it reads the table through the server-only
// queries, which the browser tests' fixtures (they import ../commands.ts) cannot load.
import "server-only";
import { sql } from "drizzle-orm";
import { col, queryRows } from "@/db/rows";
import { defineCommand } from "@/lib/core/command";
import { notFound } from "@/lib/core/errors";
import { getCompleteWorkspaceForActor } from "../queries";
import { revealContactsSchema } from "../schemas";

/** The full values behind what the page masked: each row's phone and email, the filler's phone, the issued logins. */
export type RevealedContacts = {
  fillerPhone: string | null;
  rows: { unitId: number; phone: string; email: string }[];
  accounts: { userId: number; email: string }[];
};

/**
 * 「查看完整信息」: the masked values of one table, for someone who may read it and says why. Only the
 * rows the actor can see are returned; the audit row carries the reason and how many rows were shown.
 */
export const revealContactsCommand = defineCommand({
  name: "roster.reveal_contacts",
  permission: "roster.reveal",
  input: revealContactsSchema,
  async run({ tx, actor, target }, { submissionId, reason }): Promise<RevealedContacts> {
    target("submission", submissionId, { reason });
    const workspace = await getCompleteWorkspaceForActor({ db: tx, actor, submissionId });
    if (!workspace) throw notFound();
    const rows = workspace.rows.flatMap((r) => (r.entry ? [{ unitId: r.unitId, phone: r.entry.phone, email: r.entry.email }] : []));
    const visible = new Set(rows.map((r) => r.unitId));
    const issued = await queryRows(
      tx,
      { unitId: col.int, userId: col.int, email: col.text },
      sql`select e.unit_id as "unitId", u.id as "userId", u.email from roster_entries e join users u on u.id = e.issued_user_id where e.submission_id = ${submissionId}`,
    );
    target("submission", submissionId, { reason, rows: rows.length });
    return {
      fillerPhone: workspace.submission.fillerPhone,
      rows,
      accounts: issued.filter((a) => visible.has(a.unitId)).map(({ userId, email }) => ({ userId, email })),
    };
  },
});
