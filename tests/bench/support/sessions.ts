import { encode } from "next-auth/jwt";
import { Secret, TOTP } from "otpauth";
import type { Db } from "@/db/index";
import { enrolSecondFactor } from "@/lib/accounts/second-factor";
import { authCookies } from "@/lib/auth/cookies";
import { attemptLogin } from "@/lib/auth/login";
import { newTotpSecret, sealEnrolment, totpStepAt } from "@/lib/auth/second-factor";
import { getSignedInBySession } from "@/lib/auth/sessions";
import { executeCommand } from "@/lib/core/command";
import { env } from "@/lib/env";
import { acceptPrivacyNoticeCommand } from "@/lib/privacy/commands";
import { PRIVACY_NOTICE_VERSION } from "@/lib/privacy/notice";

/** A signed-in person as the benches drive them: the Cookie header a browser would send, and who it is. */
export type BenchSession = { cookie: string; userId: number; unitId: number; sessionId: string };

/**
 * Signs in as the login form does (attemptLogin: password checked, user_sessions row opened, audited), passes
 * the second factor where the role needs one by enrolling an authenticator through the app's own enrolment,
 * and wraps the session id in the token Auth.js would set. Needs the portal's AUTH_SECRET and APP_URL in env.
 */
export async function signIn(db: Db, email: string, password: string): Promise<BenchSession> {
  const now = new Date();
  const login = await attemptLogin({ db, email, password, ip: null, userAgent: "baosong-bench", now });
  if (!login.ok) throw new Error(`bench sign-in of ${email} refused: ${login.reason}`);
  // Each gate as its page passes it: the second factor enrolled, then the privacy notice accepted.
  let signedIn = await getSignedInBySession({ db, sessionId: login.sessionId, now });
  while (signedIn?.gate) {
    const { actor, gate } = signedIn;
    if (gate === "second_factor_enrol") {
      const secret = newTotpSecret();
      const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: totpStepAt(now) * 30_000 });
      await db.transaction((tx) => enrolSecondFactor(tx, actor, { enrolment: sealEnrolment(actor, secret), code }, now));
    } else if (gate === "privacy_notice") {
      const accepted = await executeCommand(acceptPrivacyNoticeCommand, { version: PRIVACY_NOTICE_VERSION }, { db, actor, ip: null, now });
      if (!accepted.ok) throw new Error(`bench session of ${email}: notice not accepted`);
    } else throw new Error(`bench session of ${email} is held at ${gate}`);
    signedIn = await getSignedInBySession({ db, sessionId: login.sessionId, now });
  }
  if (!signedIn) throw new Error(`bench session of ${email} is not alive`);

  const { AUTH_SECRET, APP_URL } = env();
  const name = authCookies(APP_URL).cookies.sessionToken.name;
  const token = await encode({ token: { sub: String(login.userId), sid: login.sessionId }, secret: AUTH_SECRET, salt: name });
  return { cookie: `${name}=${token}`, userId: login.userId, unitId: signedIn.actor.unitId, sessionId: login.sessionId };
}
