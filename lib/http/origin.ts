/**
 * Whether a state-changing request comes from the portal's own pages: its Origin is APP_URL's, or the origin of the
 * host it was sent to (the demo reached as 127.0.0.1 instead of localhost). A cross-site page cannot make a browser
 * send our Host with its own Origin, and a request without an Origin proves nothing, so it is refused too.
 */
export function isSameOrigin(origin: string | null, appUrl: string, host: string | null): boolean {
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, opaque redirects) and anything else that is not an origin
  }
  return url.origin === new URL(appUrl).origin || (host !== null && url.host === host.toLowerCase());
}
