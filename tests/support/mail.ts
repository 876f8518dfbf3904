import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/index";
import { emailOutbox, type OutboxEmail } from "@/db/schema";
import { openLink } from "@/lib/mail/link-secret";

/** The activation or reset link as the recipient gets it: the stored body holds only a placeholder, the link is sealed beside it. */
export function linkOf(mail: Pick<OutboxEmail, "linkSecret" | "toAddress">): string {
  const link = mail.linkSecret && openLink(mail.linkSecret, mail.toAddress);
  if (!link) throw new Error("no link in the email");
  return link;
}

/** The raw token of that link (what the person would click). */
export function tokenOf(mail: Pick<OutboxEmail, "linkSecret" | "toAddress">): string {
  const token = new URL(linkOf(mail)).searchParams.get("token");
  if (!token) throw new Error("no token in the link");
  return token;
}

/** The token in the newest email of `kind` to `to`. */
export async function linkTokenOf(db: Db, to: string, kind: string): Promise<string> {
  const mails = await db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.kind, kind))).orderBy(emailOutbox.id);
  return tokenOf(mails.at(-1)!);
}
