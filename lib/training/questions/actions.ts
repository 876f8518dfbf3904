"use server";

import { authorizedAction } from "@/lib/authz/action";
import { answerCommand, askCommand, publishFaqCommand, triageCommand, unpublishFaqCommand } from "./commands";

/** 提出问题: multipart, for the screenshot. */
export async function askQuestion(formData: FormData) {
  return authorizedAction(askCommand, Object.fromEntries(formData));
}

export async function triageQuestion(input: unknown) {
  return authorizedAction(triageCommand, input);
}

export async function answerQuestion(input: unknown) {
  return authorizedAction(answerCommand, input);
}

export async function publishFaq(input: unknown) {
  return authorizedAction(publishFaqCommand, input);
}

export async function unpublishFaq(input: unknown) {
  return authorizedAction(unpublishFaqCommand, input);
}
