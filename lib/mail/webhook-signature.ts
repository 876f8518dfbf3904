import { createHmac, timingSafeEqual } from "node:crypto";

/** Svix refuses messages whose timestamp is further than this from the receiver's clock (replays). */
const TOLERANCE_MS = 5 * 60_000;

export type SvixHeaders = { id: string | null; timestamp: string | null; signature: string | null };

/**
 * Svix's scheme (Resend signs its webhooks with it), with node:crypto: HMAC-SHA256 over
 * `${svix-id}.${svix-timestamp}.${raw body}`, keyed with the base64 secret after `whsec_`, must equal
 * one of the space-separated `v1,<base64>` signatures; compared in constant time.
 */
export function verifySvixSignature({ secret, headers, body, now }: { secret: string; headers: SvixHeaders; body: Buffer; now: Date }): boolean {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > TOLERANCE_MS) return false;

  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest();
  return signature.split(" ").some((entry) => {
    const [version, value] = entry.split(",");
    if (version !== "v1" || !value) return false;
    const given = Buffer.from(value, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
