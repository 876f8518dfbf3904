import { describe, expect, it } from "vitest";
import { createSecretBox } from "@/lib/core/secret-box";

const SECRET = "unit-test-auth-secret-0123456789abcdef";
const LINK = "https://baosong.example.gov.cn/activate?token=AbC_-123";

describe("createSecretBox", () => {
  it("opens what it sealed, and the sealed text does not contain the plaintext", () => {
    const box = createSecretBox(SECRET, "email-link");
    const sealed = box.seal(LINK, "a@example.com");
    expect(sealed).not.toContain("AbC_-123");
    expect(box.open(sealed, "a@example.com")).toBe(LINK);
    expect(box.seal(LINK, "a@example.com")).not.toBe(sealed);
  });

  it("opens nothing under another secret, purpose or context, or once altered", () => {
    const sealed = createSecretBox(SECRET, "email-link").seal(LINK, "a@example.com");
    expect(createSecretBox(`${SECRET}x`, "email-link").open(sealed, "a@example.com")).toBeNull();
    expect(createSecretBox(SECRET, "totp").open(sealed, "a@example.com")).toBeNull();
    expect(createSecretBox(SECRET, "email-link").open(sealed, "b@example.com")).toBeNull();
    const bytes = Buffer.from(sealed, "base64url");
    bytes[bytes.length - 1] ^= 1;
    expect(createSecretBox(SECRET, "email-link").open(bytes.toString("base64url"), "a@example.com")).toBeNull();
    expect(createSecretBox(SECRET, "email-link").open("short", "a@example.com")).toBeNull();
  });
});
