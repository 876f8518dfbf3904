import { getToken } from "next-auth/jwt";
import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";

/** Pages anyone may open. Everything else needs a session token (and checks it properly itself). */
const PUBLIC_PATHS = ["/login", "/api/auth", "/activate", "/forgot-password", "/reset-password", "/api/webhooks"];

// Coarse redirects only: reading the token here must not re-issue the cookie (design.md, known pitfalls).
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return NextResponse.next();
  const token = await getToken({
    req: request,
    secret: env().AUTH_SECRET,
    secureCookie: request.nextUrl.protocol === "https:",
  });
  if (token?.sid) return NextResponse.next();
  const login = new URL("/login", request.url);
  if (pathname !== "/") login.searchParams.set("next", pathname + search);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
