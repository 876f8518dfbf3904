import "server-only";
import { eq } from "drizzle-orm";
import { trainingQuestionScreenshots } from "@/db/schema";
import { may } from "@/lib/core/policy";
import type { BuildDownload } from "@/lib/downloads/audited";
import { findQuestion } from "./question";

/** A question's screenshot, shown inline, for whoever may see the question (not every FAQ reader: it may show a person's screen). */
export function screenshotDownload(campaignId: number, questionId: number): BuildDownload {
  return async (tx, actor) => {
    if (!may(actor.role, "training.read")) return null;
    const question = await findQuestion(tx, actor, questionId);
    if (!question || question.campaignId !== campaignId) return null;
    const [shot] = await tx.select().from(trainingQuestionScreenshots).where(eq(trainingQuestionScreenshots.questionId, question.id));
    if (!shot) return null;
    return { body: shot.content, fileName: shot.fileName, contentType: shot.mimeType, disposition: "inline", target: { type: "training_question", id: question.id } };
  };
}
