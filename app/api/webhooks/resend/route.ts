import { getDb } from "@/db";
import { env } from "@/lib/env";
import { applyResendEvent } from "@/lib/reminders/bounces";
import { verifySvixSignature } from "@/lib/mail/webhook-signature";

/**
 * Resend's delivery events. The signature covers the exact bytes sent, so the body is read raw and
 * checked before it is parsed; anything unsigned, badly signed or too old is refused.
 */
export async function POST(request: Request): Promise<Response> {
  const secret = env().RESEND_WEBHOOK_SECRET;
  if (!secret) return Response.json({ error: "webhook secret not configured" }, { status: 503 });

  const body = Buffer.from(await request.arrayBuffer());
  const now = new Date();
  const headers = { id: request.headers.get("svix-id"), timestamp: request.headers.get("svix-timestamp"), signature: request.headers.get("svix-signature") };
  if (!verifySvixSignature({ secret, headers, body, now })) return Response.json({ error: "invalid signature" }, { status: 401 });

  let payload: unknown;
  try {
    payload = JSON.parse(body.toString("utf8"));
  } catch {
    return Response.json({ error: "body is not JSON" }, { status: 400 });
  }
  await applyResendEvent(getDb(), payload, now);
  return Response.json({ ok: true });
}
