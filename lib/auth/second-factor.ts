// The second factor: TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, one step either side accepted)
// and single-use recovery codes. The secret is kept sealed with a key derived from AUTH_SECRET.
import { createHmac, hkdfSync, randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { FILLER_ROLES, PRIVILEGED_ROLES, type Role } from "@/lib/core/roles";
import { createSecretBox } from "@/lib/core/secret-box";
import { env } from "@/lib/env";

export const TOTP_ISSUER = "河北省教育厅信息报送平台";
const PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;
/** Wrong codes one session may give: the fifth ends it. */
export const MAX_SECOND_FACTOR_FAILURES = 5;
/** Lower case without 0/o, 1/l/i and u, so a code read aloud or typed from paper is not misread. */
const RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstvwxyz";
const RECOVERY_HALF = 5;

/** Privileged accounts always sign in with a second factor; fillers when the deployment asks for it. */
export function usesSecondFactor(role: Role): boolean {
  return PRIVILEGED_ROLES.includes(role) || (env().FILLER_SECOND_FACTOR && FILLER_ROLES.includes(role));
}

const box = () => createSecretBox(env().AUTH_SECRET, "second-factor");

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The stored form of an enrolled secret: it opens only for the same account. */
export function sealTotpSecret(userId: number, secret: string): string {
  return box().seal(secret, `secret:${userId}`);
}

export function openTotpSecret(userId: number, sealed: string): string | null {
  return box().open(sealed, `secret:${userId}`);
}

/**
 * The secret the enrolment page offers travels with its form, sealed to the session that saw it:
 * nothing is written until a code proves the authenticator holds it.
 */
export function sealEnrolment(session: { userId: number; sessionId: string }, secret: string): string {
  return box().seal(secret, `enrolment:${session.userId}:${session.sessionId}`);
}

export function openEnrolment(session: { userId: number; sessionId: string }, sealed: string): string | null {
  return box().open(sealed, `enrolment:${session.userId}:${session.sessionId}`);
}

function totp(secret: string, label = "") {
  return new TOTP({ issuer: TOTP_ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(email: string, secret: string): string {
  return totp(secret, email).toString();
}

export function totpStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS);
}

/** The time step a 6-digit code belongs to (now, or one step either side), or null when it matches none. */
export function totpStepOf(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : totpStepAt(now) + delta;
}

export function isTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s/g, ""));
}

/** Ten codes like `k7m2p-x9qd4`: 50 random bits each, shown once. */
export function newRecoveryCodes(): string[] {
  const half = () => Array.from({ length: RECOVERY_HALF }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => `${half()}-${half()}`);
}

/** Keyed (HMAC-SHA256) so that a copy of the table alone cannot be checked against guesses; spaces, dashes and case do not matter. */
export function hashRecoveryCode(code: string): string {
  const key = Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "", "baosong/recovery-codes", 32));
  return createHmac("sha256", key).update(code.toLowerCase().replace(/[^0-9a-z]/g, ""), "utf8").digest("hex");
}
