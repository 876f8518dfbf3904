// The response of every file the portal hands out: never cached, never sniffed, named per RFC 6266.

export type FileToSend = {
  content: Buffer;
  fileName: string;
  contentType: string;
  /** `inline` for what the browser shows in place (the scan viewer); everything else is saved. */
  disposition?: "attachment" | "inline";
};

/**
 * The disposition with an ASCII fallback and the real (Chinese) name per RFC 5987/6266.
 * encodeURIComponent leaves ' ( ) * ! unescaped; RFC 5987's attr-char does not allow the first four.
 */
export function contentDisposition(fileName: string, disposition: "attachment" | "inline" = "attachment"): string {
  const dot = fileName.lastIndexOf(".");
  const ext = dot > 0 ? fileName.slice(dot).replace(/[^\x20-\x7e]|["\\]/g, "") : "";
  const base = (dot > 0 ? fileName.slice(0, dot) : fileName).replace(/[^\x20-\x7e]+|["\\]/g, "_").replace(/^[_\s-]+|[_\s-]+$/g, "");
  const fallback = `${base || "download"}${ext}`;
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function fileResponse({ content, fileName, contentType, disposition = "attachment" }: FileToSend): Response {
  return new Response(new Uint8Array(content), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": contentDisposition(fileName, disposition),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
