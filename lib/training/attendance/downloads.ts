import "server-only";
import { eq } from "drizzle-orm";
import { trainingSignInScans } from "@/db/schema";
import type { BuildDownload } from "@/lib/downloads/audited";
import { managedSession } from "./session";

/** The signed 签到表's scan, shown inline, for whoever manages the session's task. */
export function signInScanDownload(sessionId: number): BuildDownload {
  return async (tx, actor) => {
    if (!(await managedSession(tx, actor, sessionId))) return null;
    const [scan] = await tx.select().from(trainingSignInScans).where(eq(trainingSignInScans.sessionId, sessionId));
    if (!scan) return null;
    return { body: scan.content, fileName: scan.fileName, contentType: scan.mimeType, disposition: "inline", target: { type: "training_session", id: sessionId } };
  };
}
