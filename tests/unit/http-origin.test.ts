import { describe, expect, it } from "vitest";
import { isSameOrigin } from "@/lib/http/origin";

const APP_URL = "https://baosong.example.gov.cn";

describe("isSameOrigin", () => {
  it("accepts APP_URL's origin, whatever host the request was addressed to", () => {
    expect(isSameOrigin("https://baosong.example.gov.cn", APP_URL, "10.0.0.5:3000")).toBe(true);
  });

  it("accepts the origin of the host the request was sent to (the demo opened as 127.0.0.1)", () => {
    expect(isSameOrigin("http://127.0.0.1:3000", "http://localhost:3000", "127.0.0.1:3000")).toBe(true);
  });

  it.each([
    ["no Origin", null],
    ["an opaque origin", "null"],
    ["another site", "https://evil.example"],
    ["a sibling subdomain", "https://evil.example.gov.cn"],
    ["plain http", "http://baosong.example.gov.cn"],
    ["another port", "https://baosong.example.gov.cn:8443"],
  ])("refuses %s", (_case, origin) => {
    expect(isSameOrigin(origin, APP_URL, "baosong.internal:3000")).toBe(false);
  });

  it("refuses a foreign Origin even when the Host header is missing", () => {
    expect(isSameOrigin("https://evil.example", APP_URL, null)).toBe(false);
  });
});
