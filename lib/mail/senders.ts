import { Resend } from "resend";
import { type Env, EnvError } from "@/lib/env";

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

export const NO_MAIL_PROVIDER = "No mail provider is configured: set RESEND_API_KEY, or set MAIL_TRANSPORT=local to deliver mail to the portal's own mailbox (「邮件」) on purpose.";

/** The local mailbox only when asked for: a forgotten RESEND_API_KEY must not quietly keep every email inside the portal. */
export function mailTransportOf(config: Pick<Env, "RESEND_API_KEY" | "MAIL_TRANSPORT">): { name: "local" } | { name: "resend"; apiKey: string } {
  if (config.MAIL_TRANSPORT === "local") return { name: "local" };
  if (!config.RESEND_API_KEY) throw new EnvError(NO_MAIL_PROVIDER);
  return { name: "resend", apiKey: config.RESEND_API_KEY };
}

/** Resend, or the local mailbox that the portal's 「邮件」 page shows when MAIL_TRANSPORT=local. */
export function senderFromEnv(config: Pick<Env, "RESEND_API_KEY" | "RESEND_BASE_URL" | "MAIL_FROM" | "MAIL_TRANSPORT">): MailSender {
  const transport = mailTransportOf(config);
  if (transport.name === "local") return localMailbox;
  return resendSender({ apiKey: transport.apiKey, baseUrl: config.RESEND_BASE_URL ?? "https://api.resend.com", from: config.MAIL_FROM });
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
