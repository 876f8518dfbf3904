import { describe, expect, it } from "vitest";
import { verifySvixSignature } from "@/lib/mail/webhook-signature";

// The example in Svix's documentation and its libraries' tests.
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const TIMESTAMP = "1614265330";
const BODY = Buffer.from('{"test": 2432232314}');
const SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
const SENT_AT = new Date(Number(TIMESTAMP) * 1000);

const verify = (overrides: { secret?: string; id?: string | null; timestamp?: string | null; signature?: string | null; body?: Buffer; now?: Date } = {}) =>
  verifySvixSignature({
    secret: overrides.secret ?? SECRET,
    headers: {
      id: overrides.id === undefined ? ID : overrides.id,
      timestamp: overrides.timestamp === undefined ? TIMESTAMP : overrides.timestamp,
      signature: overrides.signature === undefined ? SIGNATURE : overrides.signature,
    },
    body: overrides.body ?? BODY,
    now: overrides.now ?? SENT_AT,
  });

describe("verifySvixSignature", () => {
  it("accepts Svix's documented example", () => {
    expect(verify()).toBe(true);
  });

  it("accepts when any one of several signatures matches (secret rotation)", () => {
    expect(verify({ signature: `v1,c29tZXRoaW5nIGVsc2UgZW50aXJlbHkgMzIgYnl0ZXMhIQ== ${SIGNATURE}` })).toBe(true);
  });

  it("refuses a body changed by one byte", () => {
    expect(verify({ body: Buffer.from('{"test": 2432232315}') })).toBe(false);
    expect(verify({ body: Buffer.from('{"test":2432232314}') })).toBe(false);
  });

  it("refuses another secret, another message id, another timestamp", () => {
    expect(verify({ secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSx" })).toBe(false);
    expect(verify({ id: "msg_p5jXN8AQM9LWM0D4loKWxJel" })).toBe(false);
    expect(verify({ timestamp: "1614265331", now: new Date(1614265331 * 1000) })).toBe(false);
  });

  it("refuses a timestamp more than 5 minutes away from the clock, either way", () => {
    expect(verify({ now: new Date(SENT_AT.getTime() + 5 * 60_000) })).toBe(true);
    expect(verify({ now: new Date(SENT_AT.getTime() + 5 * 60_000 + 1000) })).toBe(false);
    expect(verify({ now: new Date(SENT_AT.getTime() - 5 * 60_000 - 1000) })).toBe(false);
  });

  it("refuses missing headers, other signature versions and garbage", () => {
    expect(verify({ id: null })).toBe(false);
    expect(verify({ timestamp: null })).toBe(false);
    expect(verify({ signature: null })).toBe(false);
    expect(verify({ signature: SIGNATURE.replace("v1,", "v2,") })).toBe(false);
    expect(verify({ signature: SIGNATURE.slice(0, -4) })).toBe(false);
    expect(verify({ signature: "v1," })).toBe(false);
    expect(verify({ timestamp: "1614265330.5" })).toBe(false);
  });
});
