import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const SECRET = "s3cret-value-that-is-long-enough-0123456789";
const valid = { DATABASE_URL: "postgres://baosong:pw@127.0.0.1:5432/baosong", AUTH_SECRET: SECRET };

function failure(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error("parseEnv accepted an environment it should refuse");
}

describe("parseEnv", () => {
  it("accepts a complete environment and fills in the defaults", () => {
    const env = parseEnv(valid);
    expect(env.DATABASE_URL).toBe(valid.DATABASE_URL);
    expect(env.AUTH_SECRET).toBe(SECRET);
    expect(env.NODE_ENV).toBe("development");
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.MAIL_RATE_PER_SECOND).toBe(2);
    expect(env.RESEND_API_KEY).toBeUndefined();
  });

  it("accepts postgresql:// as well as postgres://", () => {
    expect(parseEnv({ ...valid, DATABASE_URL: "postgresql://localhost/baosong" }).DATABASE_URL).toBe("postgresql://localhost/baosong");
  });

  it("names DATABASE_URL when it is missing or empty", () => {
    expect(failure({ AUTH_SECRET: SECRET }).message).toBe("Environment variable DATABASE_URL is missing.");
    expect(failure({ ...valid, DATABASE_URL: "" }).message).toBe("Environment variable DATABASE_URL is missing.");
  });

  it.each([["not a url"], ["mysql://root@localhost/baosong"], ["http://localhost:5432/baosong"]])("names DATABASE_URL when it is %s", (url) => {
    const { message } = failure({ ...valid, DATABASE_URL: url });
    expect(message).toMatch(/^Environment variable DATABASE_URL is invalid/);
  });

  it("names AUTH_SECRET when it is missing", () => {
    expect(failure({ DATABASE_URL: valid.DATABASE_URL }).message).toBe("Environment variable AUTH_SECRET is missing.");
  });

  it("names AUTH_SECRET when it is shorter than 32 characters, without repeating the secret", () => {
    const short = "only-31-characters-long-secret!";
    expect(short).toHaveLength(31);
    const { message } = failure({ ...valid, AUTH_SECRET: short });
    expect(message).toMatch(/^Environment variable AUTH_SECRET is invalid/);
    expect(message).not.toContain(short);
    expect(parseEnv({ ...valid, AUTH_SECRET: `${short}x` }).AUTH_SECRET).toHaveLength(32);
  });

  it("names the optional variables too when they are set to something invalid", () => {
    expect(failure({ ...valid, APP_URL: "baosong.example" }).message).toMatch(/^Environment variable APP_URL is invalid/);
    expect(failure({ ...valid, MAIL_RATE_PER_SECOND: "0" }).message).toMatch(/^Environment variable MAIL_RATE_PER_SECOND is invalid/);
    expect(failure({ ...valid, NODE_ENV: "staging" }).message).toMatch(/^Environment variable NODE_ENV is invalid/);
  });

  it("reads TRUSTED_PROXIES as a list of IPv4 and IPv6 addresses and ranges, empty by default", () => {
    expect(parseEnv(valid).TRUSTED_PROXIES).toEqual([]);
    expect(parseEnv({ ...valid, TRUSTED_PROXIES: " 10.0.0.0/8, 192.168.1.10 ,fd00::/8,::1" }).TRUSTED_PROXIES).toEqual(["10.0.0.0/8", "192.168.1.10", "fd00::/8", "::1"]);
    expect(failure({ ...valid, TRUSTED_PROXIES: "10.0.0.0/8,proxy.internal" }).message).toMatch(/^Environment variable TRUSTED_PROXIES is invalid/);
    expect(failure({ ...valid, TRUSTED_PROXIES: "10.0.0.0/33" }).message).toMatch(/^Environment variable TRUSTED_PROXIES is invalid/);
  });

  it("disables idle accounts after 90 days and asks fillers for no second factor unless told otherwise", () => {
    expect(parseEnv(valid)).toMatchObject({ ACCOUNT_IDLE_DISABLE_DAYS: 90, FILLER_SECOND_FACTOR: false });
    expect(parseEnv({ ...valid, ACCOUNT_IDLE_DISABLE_DAYS: "30", FILLER_SECOND_FACTOR: "true" })).toMatchObject({ ACCOUNT_IDLE_DISABLE_DAYS: 30, FILLER_SECOND_FACTOR: true });
    expect(parseEnv({ ...valid, FILLER_SECOND_FACTOR: "off" }).FILLER_SECOND_FACTOR).toBe(false);
    expect(failure({ ...valid, ACCOUNT_IDLE_DISABLE_DAYS: "0" }).message).toMatch(/^Environment variable ACCOUNT_IDLE_DISABLE_DAYS is invalid/);
    expect(failure({ ...valid, FILLER_SECOND_FACTOR: "maybe" }).message).toMatch(/^Environment variable FILLER_SECOND_FACTOR is invalid/);
  });
});
