import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { emailOutbox, passwordResetRequests, users, userSessions, userTokens } from "@/db/schema";
import { sendActivation } from "@/lib/accounts/invitations";
import { processPasswordResetRequests, RESET_REQUESTED_MESSAGE, requestPasswordReset } from "@/lib/accounts/password-reset";
import { LINK_MESSAGES, setPasswordWithToken } from "@/lib/accounts/set-password";
import { hashToken } from "@/lib/accounts/tokens";
import { verifyPassword } from "@/lib/auth/password";
import { LINK_PLACEHOLDER } from "@/lib/mail/render";
import { auditOf, CITY_COLLEAGUE_EMAIL, CITY_EMAIL, freshSeededDatabaseEachTest, NOW } from "../support/actors";
import { linkOf, linkTokenOf } from "../support/mail";

const world = freshSeededDatabaseEachTest();
const HOUR = 60 * 60 * 1000;
const GOOD_PASSWORD = "Jiaoyu#2021";

async function userByEmail(db: Db, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user;
}

async function invite(db: Db, email = CITY_COLLEAGUE_EMAIL, now = NOW) {
  const user = await userByEmail(db, email);
  await db.transaction((tx) => sendActivation(tx, { userId: user.id, actorId: null, now }));
  return { user, token: await linkTokenOf(db, email, "activation") };
}

const activate = (db: Db, token: string, password = GOOD_PASSWORD, now = NOW) =>
  setPasswordWithToken({ db, purpose: "activation", input: { token, password, confirm: password }, ip: "127.0.0.1", now });

describe("sendActivation", () => {
  it("queues an email with the login and a 72-hour link, storing only the token's SHA-256 hash", async () => {
    const { db } = world;
    const { user, token } = await invite(db);

    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.userId, user.id));
    expect(mail).toMatchObject({ kind: "activation", toAddress: CITY_COLLEAGUE_EMAIL, status: "pending" });
    expect(mail.text).toContain(`登录账号：${CITY_COLLEAGUE_EMAIL}`);
    expect(mail.text).toContain(`设置密码并激活账号：${LINK_PLACEHOLDER}`);
    expect(linkOf(mail)).toBe(`http://localhost:3000/activate?token=${token}`);
    expect(mail.text + mail.html).not.toMatch(/密码[:：]/);

    const [stored] = await db.select().from(userTokens).where(eq(userTokens.userId, user.id));
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.expiresAt.getTime() - NOW.getTime()).toBe(72 * HOUR);
  });

  it("re-sending makes the earlier link stop working", async () => {
    const { db } = world;
    const first = await invite(db);
    const second = await invite(db, CITY_COLLEAGUE_EMAIL, new Date(NOW.getTime() + HOUR));
    expect(second.token).not.toBe(first.token);

    expect(await activate(db, first.token)).toEqual({ ok: false, formError: LINK_MESSAGES.activation.revoked });
    expect(await activate(db, second.token)).toMatchObject({ ok: true });
  });

  it("refuses an account that is already active", async () => {
    const { db } = world;
    const user = await userByEmail(db, CITY_EMAIL);
    await expect(db.transaction((tx) => sendActivation(tx, { userId: user.id, actorId: null, now: NOW }))).rejects.toThrow("已激活");
    expect(await db.$count(emailOutbox)).toBe(0);
  });
});

describe("activation", () => {
  it("sets the password, makes the account active and uses the link up, with an audit row", async () => {
    const { db } = world;
    const { user, token } = await invite(db);
    expect(await activate(db, token)).toEqual({ ok: true, data: { email: CITY_COLLEAGUE_EMAIL } });

    const after = await userByEmail(db, CITY_COLLEAGUE_EMAIL);
    expect(after).toMatchObject({ status: "active", passwordChangedAt: NOW });
    expect(await verifyPassword(after.passwordHash!, GOOD_PASSWORD)).toBe(true);
    const [stored] = await db.select().from(userTokens).where(eq(userTokens.userId, user.id));
    expect(stored.usedAt).toEqual(NOW);
    expect(await auditOf(db, "account.activate")).toMatchObject([{ outcome: "success", userId: user.id, targetId: String(user.id) }]);
  });

  it("refuses a link used before", async () => {
    const { db } = world;
    const { token } = await invite(db);
    await activate(db, token);
    expect(await activate(db, token, "Another#2022")).toEqual({ ok: false, formError: LINK_MESSAGES.activation.used });
    expect(await verifyPassword((await userByEmail(db, CITY_COLLEAGUE_EMAIL)).passwordHash!, GOOD_PASSWORD)).toBe(true);
  });

  it("refuses a link after 72 hours", async () => {
    const { db } = world;
    const { token } = await invite(db);
    expect(await activate(db, token, GOOD_PASSWORD, new Date(NOW.getTime() + 72 * HOUR))).toEqual({ ok: false, formError: LINK_MESSAGES.activation.expired });
    expect((await userByEmail(db, CITY_COLLEAGUE_EMAIL)).status).toBe("invited");
    expect(await auditOf(db, "account.activate")).toMatchObject([{ outcome: "rejected", detail: { reason: "expired" } }]);
  });

  it("refuses an unknown link", async () => {
    const { db } = world;
    await invite(db);
    expect(await activate(db, "x".repeat(43))).toEqual({ ok: false, formError: LINK_MESSAGES.activation.unknown });
  });

  it("refuses a password that breaks the rules, next to the field, and leaves the link usable", async () => {
    const { db } = world;
    const { token } = await invite(db);
    // The unit is 石家庄市教育局; the email sjz-second@test.baosong.cn.
    for (const [password, message] of [
      ["abcdefg1", "至少 3 类"],
      ["Ab1!", "至少 8 位"],
      ["Sjz-Second#1", "邮箱"],
      ["石家庄市教育局Ab1", "单位名称"],
    ]) {
      const result = await activate(db, token, password);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.fieldErrors?.password).toContain(message);
    }
    expect(await activate(db, token, GOOD_PASSWORD, NOW)).toMatchObject({ ok: true });
  });

  it("refuses a confirmation that differs", async () => {
    const { db } = world;
    const { token } = await invite(db);
    const result = await setPasswordWithToken({ db, purpose: "activation", input: { token, password: GOOD_PASSWORD, confirm: "Jiaoyu#2022" }, ip: null, now: NOW });
    expect(result).toEqual({ ok: false, fieldErrors: { confirm: "两次输入的密码不一致，请重新输入" } });
  });
});

describe("password reset", () => {
  /** The form's request, then the worker's pass over the queue. */
  const reset = async (db: Db, email: string, now = NOW) => {
    const answer = await requestPasswordReset({ db, input: { email }, ip: "127.0.0.1", now });
    await processPasswordResetRequests({ db, now });
    return answer;
  };

  it("answers the same for an unknown email, and sends nothing", async () => {
    const { db } = world;
    expect(await reset(db, "nobody@example.com")).toEqual({ ok: true, data: { message: RESET_REQUESTED_MESSAGE } });
    expect(await reset(db, CITY_EMAIL)).toEqual({ ok: true, data: { message: RESET_REQUESTED_MESSAGE } });
    const mails = await db.select().from(emailOutbox);
    expect(mails.map((m) => m.toAddress)).toEqual([CITY_EMAIL]);
    expect(await auditOf(db, "account.request_reset")).toMatchObject([
      { outcome: "rejected", detail: { reason: "unknown_email" } },
      { outcome: "success" },
    ]);
  });

  it("sends nothing to an account not yet activated", async () => {
    const { db } = world;
    await reset(db, CITY_COLLEAGUE_EMAIL);
    expect(await db.$count(emailOutbox)).toBe(0);
  });

  it("sets the new password with a 30-minute single-use link and ends the open sessions", async () => {
    const { db } = world;
    const user = await userByEmail(db, CITY_EMAIL);
    await db.insert(userSessions).values({ userId: user.id, createdAt: NOW, lastSeenAt: NOW });
    await reset(db, CITY_EMAIL);
    const token = await linkTokenOf(db, CITY_EMAIL, "password_reset");
    const input = { token, password: GOOD_PASSWORD, confirm: GOOD_PASSWORD };

    const late = new Date(NOW.getTime() + 30 * 60 * 1000);
    expect(await setPasswordWithToken({ db, purpose: "password_reset", input, ip: null, now: late })).toEqual({ ok: false, formError: LINK_MESSAGES.password_reset.expired });
    const soon = new Date(NOW.getTime() + 29 * 60 * 1000);
    expect(await setPasswordWithToken({ db, purpose: "password_reset", input, ip: null, now: soon })).toMatchObject({ ok: true });
    expect(await setPasswordWithToken({ db, purpose: "password_reset", input, ip: null, now: soon })).toEqual({ ok: false, formError: LINK_MESSAGES.password_reset.used });

    const after = await userByEmail(db, CITY_EMAIL);
    expect(await verifyPassword(after.passwordHash!, GOOD_PASSWORD)).toBe(true);
    expect(after.passwordChangedAt).toEqual(soon);
    const sessions = await db.select().from(userSessions).where(eq(userSessions.userId, user.id));
    expect(sessions.map((s) => s.endReason)).toEqual(["password_changed"]);
  });

  it("answers in the same way, and queues the same work, for a known and an unknown email", async () => {
    const { db } = world;
    for (const email of ["nobody@example.com", CITY_EMAIL]) {
      expect(await requestPasswordReset({ db, input: { email }, ip: "10.0.0.5", now: NOW })).toEqual({ ok: true, data: { message: RESET_REQUESTED_MESSAGE } });
    }
    expect(await db.$count(emailOutbox)).toBe(0);
    expect((await db.select().from(passwordResetRequests)).map((r) => r.email)).toEqual(["nobody@example.com", CITY_EMAIL]);
    expect(await processPasswordResetRequests({ db, now: NOW })).toBe(2);
    expect((await db.select().from(emailOutbox)).map((m) => m.toAddress)).toEqual([CITY_EMAIL]);
    expect(await processPasswordResetRequests({ db, now: NOW })).toBe(0);
  });

  it("takes 5 requests an hour from one address and 3 for one email", async () => {
    const { db } = world;
    const ask = (email: string, ip: string, minutes: number) => requestPasswordReset({ db, input: { email }, ip, now: new Date(NOW.getTime() + minutes * 60_000) });
    for (let i = 0; i < 5; i++) expect(await ask(`x${i}@example.com`, "10.0.0.6", i)).toMatchObject({ ok: true });
    expect(await ask("x5@example.com", "10.0.0.6", 6)).toEqual({ ok: false, formError: "重置密码的申请次数过多，请 1 小时后再试。" });
    for (let i = 0; i < 3; i++) expect(await ask(CITY_EMAIL, `10.0.1.${i}`, i)).toMatchObject({ ok: true });
    expect(await ask(CITY_EMAIL, "10.0.1.9", 4)).toMatchObject({ ok: false });
    expect(await ask(CITY_EMAIL, "10.0.1.9", 65)).toMatchObject({ ok: true });
  });

  it("an activation link cannot reset a password, nor a reset link activate", async () => {
    const { db } = world;
    const { token } = await invite(db);
    const input = { token, password: GOOD_PASSWORD, confirm: GOOD_PASSWORD };
    expect(await setPasswordWithToken({ db, purpose: "password_reset", input, ip: null, now: NOW })).toEqual({ ok: false, formError: LINK_MESSAGES.password_reset.unknown });
  });
});
