import { expect, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { createDb } from "@/db/index";
import { users, userSecondFactors } from "@/db/schema";
import { openTotpSecret } from "@/lib/auth/second-factor";

const STEP_MS = 30_000;

/**
 * The authenticator of each account this test process enrolled through the enrolment page: its secret,
 * and the newest time step whose code was given (the server accepts each step once, and never an older one).
 */
const authenticators = new Map<string, { secret: string; lastStep: number }>();

/** A code the server will take for this account: the current step, or the next one when the current was used; waits when both were. */
export async function freshCode(email: string): Promise<string> {
  const authenticator = authenticators.get(email) ?? (await storedAuthenticator(email));
  for (;;) {
    const now = Math.floor(Date.now() / STEP_MS);
    const step = Math.max(now, authenticator.lastStep + 1);
    if (step <= now + 1) {
      authenticators.set(email, { ...authenticator, lastStep: step });
      return new TOTP({ secret: Secret.fromBase32(authenticator.secret) }).generate({ timestamp: step * STEP_MS });
    }
    await new Promise((resolve) => setTimeout(resolve, STEP_MS - (Date.now() % STEP_MS) + 50));
  }
}

/** Remembers the secret an enrolment page shows, as the person's authenticator app would. */
export async function readEnrolmentSecret(page: Page, email: string): Promise<string> {
  const secret = (await page.getByTestId("second-factor-secret").innerText()).replace(/\s/g, "");
  authenticators.set(email, { secret, lastStep: -1 });
  return secret;
}

/**
 * An account enrolled by an earlier test process (one that stopped after a failure) is not in the map:
 * read its secret and last step from the database the server uses, as the server would.
 */
async function storedAuthenticator(email: string): Promise<{ secret: string; lastStep: number }> {
  const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    const [row] = await db
      .select({ userId: users.id, sealed: userSecondFactors.secretSealed, lastStep: userSecondFactors.lastUsedStep })
      .from(userSecondFactors)
      .innerJoin(users, eq(users.id, userSecondFactors.userId))
      .where(eq(users.email, email));
    const secret = row && openTotpSecret(row.userId, row.sealed);
    if (!secret) throw new Error(`${email} has no second factor this test process can read`);
    return { secret, lastStep: row.lastStep };
  } finally {
    await client.end();
  }
}

/**
 * Signs in through the login form and waits until the app has moved on from /login. An account that
 * signs in with a second factor passes it too: enrolling on its first sign-in (the secret is read from
 * the page and kept for later sign-ins), giving a fresh code afterwards. The privacy notice of a first
 * sign-in is accepted (`acceptNotice: false` leaves the account at it).
 */
export async function login(page: Page, email: string, password: string, { acceptNotice = true }: { acceptNotice?: boolean } = {}): Promise<void> {
  await page.goto("/login");
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await expect(page).not.toHaveURL(/\/login(\?|$)/);
  await passSecondFactor(page, email);
  if (acceptNotice) await acceptNoticeIfAsked(page);
}

/** At the privacy notice of a first sign-in: 「我已阅读并同意」, then wait for the portal (or the password-age gate). */
export async function acceptNoticeIfAsked(page: Page): Promise<void> {
  const notice = page.getByTestId("privacy-page");
  const beyond = page.getByTestId("header-user").or(page.getByTestId("change-password-submit"));
  await expect(notice.or(beyond).first()).toBeVisible();
  if (!(await notice.isVisible())) return;
  await page.getByTestId("privacy-accept").click();
  await expect(beyond.first()).toBeVisible();
}

/** Wherever the sign-in led: the portal, a second-factor page, the password-age gate or the privacy notice. */
async function passSecondFactor(page: Page, email: string): Promise<void> {
  const landed = () => page.getByTestId("header-user").or(page.getByTestId("second-factor-page")).or(page.getByTestId("change-password-submit")).or(page.getByTestId("privacy-page")).first();
  await expect(landed()).toBeVisible();
  const { pathname } = new URL(page.url());
  if (pathname === "/account/second-factor/enrol") {
    await readEnrolmentSecret(page, email);
    await page.getByTestId("second-factor-code").fill(await freshCode(email));
    await page.getByTestId("second-factor-submit").click();
    await expect(page.getByTestId("second-factor-recovery-code")).toHaveCount(10);
    await page.getByTestId("second-factor-continue").click();
  } else if (pathname === "/account/second-factor") {
    await page.getByTestId("second-factor-code").fill(await freshCode(email));
    await page.getByTestId("second-factor-submit").click();
  } else return;
  await expect(page).not.toHaveURL(/\/account\/second-factor/);
  await expect(landed()).toBeVisible();
}
