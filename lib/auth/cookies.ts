/**
 * next-auth's cookie settings. Over https the cookies carry the __Host- prefix: Secure, for the whole site and this
 * host only, so no sibling domain can set or overwrite them. proxy.ts reads the session under the same name (the
 * name is also the salt of the token's encryption).
 */
export function authCookies(appUrl: string) {
  const useSecureCookies = new URL(appUrl).protocol === "https:";
  const prefix = useSecureCookies ? "__Host-" : "";
  return {
    useSecureCookies,
    cookies: { sessionToken: { name: `${prefix}authjs.session-token` }, callbackUrl: { name: `${prefix}authjs.callback-url` } },
  };
}
