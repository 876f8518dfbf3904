import { Resend } from "resend";
import type { Env } from "@/lib/env";

/** What a sender needs of an outbox row. */
export type OutgoingEmail = { toAddress: string; subject: string; text: string; html: string };

export type SendResult =
  | { ok: true; providerIds: string[] }
  /** `retryable`: nothing was refused for good (rate limit, server error, network); try the same batch again later. */
  | { ok: false; retryable: boolean; rateLimited: boolean; retryAfter: string | null; message: string };

export type MailSender = {
  /** "resend", or "local" for the built-in mailbox. */
  name: "resend" | "local";
  /** At most 100 emails; the same key for the same batch makes a repeated call a no-op at the provider. */
  send(emails: OutgoingEmail[], idempotencyKey: string): Promise<SendResult>;
};

/** The provider when RESEND_API_KEY is set, else the local mailbox that the portal's 「邮件」 page shows. */
export function senderFromEnv(config: Pick<Env, "RESEND_API_KEY" | "RESEND_BASE_URL" | "MAIL_FROM">): MailSender {
  if (!config.RESEND_API_KEY) return localMailbox;
  return resendSender({ apiKey: config.RESEND_API_KEY, baseUrl: config.RESEND_BASE_URL ?? "https://api.resend.com", from: config.MAIL_FROM });
}

/** Delivery without a provider: the row itself is the delivered mail. */
export const localMailbox: MailSender = {
  name: "local",
  send: async (emails) => ({ ok: true, providerIds: emails.map(() => "local") }),
};

/** Resend's batch API through its SDK. */
export function resendSender({ apiKey, baseUrl, from }: { apiKey: string; baseUrl: string; from: string }): MailSender {
  const client = new Resend(apiKey, { baseUrl });
  return {
    name: "resend",
    async send(emails, idempotencyKey) {
      const payload = emails.map((e) => ({ from, to: [e.toAddress], subject: e.subject, text: e.text, html: e.html }));
      const { data, error, headers } = await client.batch.send(payload, { idempotencyKey });
      if (data) return { ok: true, providerIds: data.data.map((d) => d.id) };
      const status = error.statusCode ?? null;
      const rateLimited = status === 429 || error.name === "rate_limit_exceeded";
      // No status: the request never got an answer. 409 concurrent: the same key is still being processed.
      const retryable = rateLimited || status === null || status >= 500 || error.name === "concurrent_idempotent_requests";
      return { ok: false, retryable, rateLimited, retryAfter: headers?.["retry-after"] ?? null, message: `${status ?? "network"} ${error.name}: ${error.message}` };
    },
  };
}
