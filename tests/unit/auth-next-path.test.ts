import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/schemas";

const APP_URL = "https://baosong.example.gov.cn";

describe("safeNextPath", () => {
  it.each([
    ["/review", "/review"],
    ["/review/12?all=1", "/review/12?all=1"],
    ["/submissions/3#scan", "/submissions/3#scan"],
    ["/audit?user=%E5%88%98", "/audit?user=%E5%88%98"],
    [`${APP_URL}/dashboard`, "/dashboard"],
  ])("keeps the portal's own page %s", (next, expected) => {
    expect(safeNextPath(next, APP_URL)).toBe(expected);
  });

  it.each([
    ["a tab", "/\t/evil.example/"],
    ["the issue's payload, decoded", decodeURIComponent("%2F%09%2Fevil.example%2F")],
    ["a newline", "/\n/evil.example"],
    ["a carriage return", "/\r\n/evil.example"],
    ["a backslash", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["a protocol-relative URL", "//evil.example"],
    ["a protocol-relative URL with a path", "//evil.example/login"],
    ["an absolute URL", "https://evil.example"],
    ["an absolute URL on another port", "https://baosong.example.gov.cn:8443/"],
    ["plain http to our host", "http://baosong.example.gov.cn/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["credentials before another host", "https://baosong.example.gov.cn@evil.example/"],
  ])("sends %s to the home page", (_case, next) => {
    expect(safeNextPath(next, APP_URL)).toBe("/");
  });

  it("keeps encoded slashes and tabs as a path on the portal, where they lead nowhere else", () => {
    expect(safeNextPath("%2F%2Fevil.example", APP_URL)).toBe("/%2F%2Fevil.example");
    expect(safeNextPath("/%09/evil.example/", APP_URL)).toBe("/%09/evil.example/");
    expect(safeNextPath("/%2F%2Fevil.example", APP_URL)).toBe("/%2F%2Fevil.example");
  });

  it("answers the home page without a next", () => {
    expect(safeNextPath(undefined, APP_URL)).toBe("/");
    expect(safeNextPath("", APP_URL)).toBe("/");
  });
});
