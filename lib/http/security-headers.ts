/** On every response, static files and proxy.ts's own answers included: next.config.ts applies them to every path. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  // Pages with a token in their URL (activation, password reset) narrow this to no-referrer themselves.
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // A back office needs none of these; uploads use a file input, which needs no permission.
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), browsing-topics=()",
};

export type PagePolicy = {
  /** Fresh for every request: Next.js reads it from the request's CSP header and puts it on its own scripts. */
  nonce: string;
  https: boolean;
  /** React needs eval in development only. */
  dev: boolean;
  /** Only the portal's own pages may frame it (the scan in the review page); everything else nobody may frame. */
  framable: boolean;
};

/** The per-request headers proxy.ts sets on the pages and route handlers it passes through. */
export function pageSecurityHeaders({ nonce, https, dev, framable }: PagePolicy): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React and Radix set style attributes, sonner inserts a <style>: none of them can carry a nonce.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `frame-ancestors ${framable ? "'self'" : "'none'"}`,
    "form-action 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    // For browsers that predate frame-ancestors.
    "X-Frame-Options": framable ? "SAMEORIGIN" : "DENY",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
