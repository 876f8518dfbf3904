import { randomBytes, randomUUID } from "node:crypto";
import type { BlockList } from "node:net";
import { getToken } from "next-auth/jwt";
import { type NextRequest, NextResponse } from "next/server";
import { authCookies } from "@/lib/auth/cookies";
import { env } from "@/lib/env";
import { clientAddress, trustedProxies } from "@/lib/http/client-ip";
import { CLIENT_IP_HEADER, PEER_ADDRESS_HEADER, REQUEST_ID_HEADER } from "@/lib/http/headers";
import { BODY_LIMIT_BYTES, BODY_TOO_LARGE_MESSAGE } from "@/lib/http/body-limit";
import { isSameOrigin } from "@/lib/http/origin";
import { pageSecurityHeaders } from "@/lib/http/security-headers";

/** Pages anyone may open. Everything else needs a session token (and checks it properly itself). */
const PUBLIC_PATHS = ["/login", "/api/auth", "/activate", "/forgot-password", "/reset-password", "/api/webhooks", "/healthz", "/readyz"];
/** Resend signs its webhook calls; a server-to-server POST carries no Origin. */
const SIGNED_WEBHOOK = "/api/webhooks/resend";
/** The review page shows the stamped scan in a frame. */
const FRAMED_BY_PORTAL = /^\/submissions\/[^/]+\/scan$/;

let trusted: BlockList | undefined;

// Refuses cross-site writes, names the request and its client, sets the security headers, and redirects coarsely.
// Reading the token here must not re-issue the cookie (design.md, known pitfalls).
export async function proxy(request: NextRequest) {
  const { APP_URL, AUTH_SECRET, NODE_ENV, TRUSTED_PROXIES } = env();
  const { pathname, search } = request.nextUrl;
  const requestId = randomUUID();
  trusted ??= trustedProxies(TRUSTED_PROXIES);
  const ip = clientAddress(request.headers.get(PEER_ADDRESS_HEADER), request.headers.get("x-forwarded-for"), trusted);
  // Next.js lets a server action without an Origin through, and route handlers check none at all.
  const writes = request.method !== "GET" && request.method !== "HEAD";
  const crossSite = writes && pathname !== SIGNED_WEBHOOK && !isSameOrigin(request.headers.get("origin"), APP_URL, request.headers.get("host"));
  // One line per request; the path without its query, which may hold a link token.
  console.log(JSON.stringify({ at: new Date().toISOString(), requestId, method: request.method, path: pathname, ip, ...(crossSite && { refused: "cross-site" }) }));

  const https = new URL(APP_URL).protocol === "https:";
  const nonce = randomBytes(16).toString("base64");
  const security = pageSecurityHeaders({ nonce, https, dev: NODE_ENV === "development", framable: FRAMED_BY_PORTAL.test(pathname) });
  const answer = (response: NextResponse) => {
    // The static headers (nosniff …) come from next.config.ts, on these answers as on every other.
    for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  };

  if (crossSite) {
    return answer(new NextResponse("请求来源与本平台不符，已拒绝。请在本平台的页面上重新操作。", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } }));
  }
  // Next.js would cut the body at the limit and answer a bare 500; the browser checks file sizes first, this is for the rest.
  if (writes && Number(request.headers.get("content-length") ?? 0) > BODY_LIMIT_BYTES) {
    return answer(new NextResponse(BODY_TOO_LARGE_MESSAGE, { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8" } }));
  }

  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  if (ip) forwarded.set(CLIENT_IP_HEADER, ip);
  else forwarded.delete(CLIENT_IP_HEADER);
  // Next.js takes the nonce for its own scripts from the request's policy.
  forwarded.set("content-security-policy", security["Content-Security-Policy"]);
  const pass = () => answer(NextResponse.next({ request: { headers: forwarded } }));

  if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return pass();
  const { useSecureCookies, cookies } = authCookies(APP_URL);
  const token = await getToken({ req: request, secret: AUTH_SECRET, secureCookie: useSecureCookies, cookieName: cookies.sessionToken.name });
  if (token?.sid) return pass();
  const login = new URL("/login", request.url);
  if (pathname !== "/") login.searchParams.set("next", pathname + search);
  return answer(NextResponse.redirect(login));
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
