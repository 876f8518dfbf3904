import "server-only";
import { eq } from "drizzle-orm";
import { trainingSignInScans } from "@/db/schema";
import { DomainError } from "@/lib/core/errors";
import { may } from "@/lib/core/policy";
import type { BuildDownload } from "@/lib/downloads/audited";
import { sessionInScope } from "./session";

/** The signed 签到表's scan, shown inline, for whoever manages the session's task. */
export function signInScanDownload(sessionId: number): BuildDownload {
  return async (tx, actor) => {
    if (!may(actor.role, "training.manage")) return null;
    try {
      await sessionInScope(tx, actor, sessionId);
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
    const [scan] = await tx.select().from(trainingSignInScans).where(eq(trainingSignInScans.sessionId, sessionId));
    if (!scan) return null;
    return { body: scan.content, fileName: scan.fileName, contentType: scan.mimeType, disposition: "inline", target: { type: "training_session", id: sessionId } };
  };
}
