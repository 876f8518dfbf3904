import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { runForRequest } from "@/lib/core/request";
import { env } from "@/lib/env";
import { requestInfo } from "@/lib/http/headers";
import { authCookies } from "./cookies";
import { attemptLogin } from "./login";
import { ABSOLUTE_TIMEOUT_MS } from "./sessions";

declare module "next-auth" {
  interface User {
    sid?: string;
  }
  interface Session {
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}

/** Carries the reason ("invalid" or "throttled") to the login action, and to the login page's URL as `code`. */
class LoginRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

// Configured lazily so that building the app does not need the runtime environment.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  ...authCookies(env().APP_URL),
  // The token only names a user_sessions row; lib/auth/sessions.ts decides whether it is still alive.
  session: { strategy: "jwt", maxAge: ABSOLUTE_TIMEOUT_MS / 1000 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const info = requestInfo(request.headers);
        const result = await runForRequest(info, () =>
          attemptLogin({
            db: getDb(),
            email: String(credentials.email ?? ""),
            password: String(credentials.password ?? ""),
            ip: info.ip,
            userAgent: request.headers.get("user-agent"),
            now: new Date(),
          }),
        );
        if (!result.ok) throw new LoginRefused(result.reason);
        return { id: String(result.userId), sid: result.sessionId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.sid) token.sid = user.sid;
      return token;
    },
    session({ session, token }) {
      session.sid = token.sid;
      return session;
    },
  },
}));
