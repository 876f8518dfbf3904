import { describe, expect, it } from "vitest";
import { authCookies } from "@/lib/auth/cookies";
import { pageSecurityHeaders } from "@/lib/http/security-headers";

const page = { nonce: "bm9uY2Utb2YtdGhpcy1yZXF1ZXN0", https: false, dev: false, framable: false };

describe("pageSecurityHeaders", () => {
  it("allows scripts by this request's nonce only, and nobody to frame the page", () => {
    const headers = pageSecurityHeaders(page);
    expect(headers["Content-Security-Policy"]).toContain(`script-src 'self' 'nonce-${page.nonce}' 'strict-dynamic';`);
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(headers["X-Frame-Options"]).toBe("DENY");
  });

  it("lets the portal's own pages frame a scan", () => {
    const headers = pageSecurityHeaders({ ...page, framable: true });
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'self'");
    expect(headers["X-Frame-Options"]).toBe("SAMEORIGIN");
  });

  it("pins https for a year, and upgrades stray http requests, only when APP_URL is https", () => {
    expect(pageSecurityHeaders(page)["Strict-Transport-Security"]).toBeUndefined();
    expect(pageSecurityHeaders(page)["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
    const https = pageSecurityHeaders({ ...page, https: true });
    expect(https["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(https["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });

  it("allows eval in development only, where React needs it", () => {
    expect(pageSecurityHeaders({ ...page, dev: true })["Content-Security-Policy"]).toContain("'strict-dynamic' 'unsafe-eval'");
  });
});

describe("authCookies", () => {
  it("names the session cookies __Host- over https, so they are Secure, site-wide and bound to this host", () => {
    expect(authCookies("https://baosong.example.gov.cn")).toEqual({
      useSecureCookies: true,
      cookies: { sessionToken: { name: "__Host-authjs.session-token" }, callbackUrl: { name: "__Host-authjs.callback-url" } },
    });
  });

  it("keeps next-auth's plain names over http (the demo and the browser tests)", () => {
    expect(authCookies("http://localhost:3000")).toEqual({
      useSecureCookies: false,
      cookies: { sessionToken: { name: "authjs.session-token" }, callbackUrl: { name: "authjs.callback-url" } },
    });
  });
});
