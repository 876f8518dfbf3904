import { randomUUID } from "node:crypto";
import type { BlockList } from "node:net";
import { getToken } from "next-auth/jwt";
import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { clientAddress, trustedProxies } from "@/lib/http/client-ip";
import { CLIENT_IP_HEADER, PEER_ADDRESS_HEADER, REQUEST_ID_HEADER } from "@/lib/http/headers";

/** Pages anyone may open. Everything else needs a session token (and checks it properly itself). */
const PUBLIC_PATHS = ["/login", "/api/auth", "/activate", "/forgot-password", "/reset-password", "/api/webhooks"];

let trusted: BlockList | undefined;

// Names the request and its client, and redirects coarsely.
// Reading the token here must not re-issue the cookie (design.md, known pitfalls).
export async function proxy(request: NextRequest) {
  const { AUTH_SECRET, TRUSTED_PROXIES } = env();
  const { pathname, search } = request.nextUrl;
  const requestId = randomUUID();
  trusted ??= trustedProxies(TRUSTED_PROXIES);
  const ip = clientAddress(request.headers.get(PEER_ADDRESS_HEADER), request.headers.get("x-forwarded-for"), trusted);
  // One line per request; the path without its query, which may hold a link token.
  console.log(JSON.stringify({ at: new Date().toISOString(), requestId, method: request.method, path: pathname, ip }));

  const answer = (response: NextResponse) => {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  };

  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  if (ip) forwarded.set(CLIENT_IP_HEADER, ip);
  else forwarded.delete(CLIENT_IP_HEADER);
  const pass = () => answer(NextResponse.next({ request: { headers: forwarded } }));

  if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return pass();
  const token = await getToken({
    req: request,
    secret: AUTH_SECRET,
    secureCookie: request.nextUrl.protocol === "https:",
  });
  if (token?.sid) return pass();
  const login = new URL("/login", request.url);
  if (pathname !== "/") login.searchParams.set("next", pathname + search);
  return answer(NextResponse.redirect(login));
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
