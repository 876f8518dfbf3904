export type RenderedEmail = {
  subject: string;
  text: string;
  html: string;
  /** The secret link that LINK_PLACEHOLDER stands for in the bodies; the outbox keeps it sealed, never in a body. */
  secretLink?: string;
};

/** Where a secret link goes in a stored body: filled in only when sending, or for a reader allowed to see it. */
export const LINK_PLACEHOLDER = "{{link}}";

export type EmailContent = {
  subject: string;
  /** "李明同志：" — the recipient's own name only; no one else's personal data. */
  greeting: string;
  paragraphs: string[];
  /** `secret`: the link signs in or sets a password (activation, reset), so it must not be stored readable. */
  action?: { label: string; url: string; secret?: boolean };
  /** e.g. the campaign's contacts, one line each. */
  footer?: string[];
};

const SIGNATURE = "河北省教育厅信息报送平台（本邮件由系统自动发送，请勿直接回复）";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Every email has the same plain shape, in an HTML part and a text part. */
export function renderEmail({ subject, greeting, paragraphs, action, footer = [] }: EmailContent): RenderedEmail {
  const link = action && { label: action.label, url: action.secret ? LINK_PLACEHOLDER : action.url };
  const text = [greeting, "", ...paragraphs.flatMap((p) => [p, ""]), ...(link ? [`${link.label}：${link.url}`, ""] : []), ...footer, "", SIGNATURE].join("\n");
  const p = (t: string, style = "") => `<p style="margin:0 0 12px;${style}">${escapeHtml(t)}</p>`;
  const html = [
    `<div style="font-family:'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;line-height:1.7;color:#1f2937;max-width:600px">`,
    p(greeting),
    ...paragraphs.map((t) => p(t)),
    link
      ? `<p style="margin:16px 0"><a href="${escapeHtml(link.url)}" style="display:inline-block;padding:8px 18px;background:#1f6feb;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(link.label)}</a></p><p style="margin:0 0 12px;font-size:12px;color:#6b7280">如按钮无法打开，请复制此链接到浏览器：${escapeHtml(link.url)}</p>`
      : "",
    ...footer.map((t) => p(t, "font-size:12px;color:#6b7280")),
    p(SIGNATURE, "font-size:12px;color:#9ca3af"),
    "</div>",
  ].join("");
  return action?.secret ? { subject, text, html, secretLink: action.url } : { subject, text, html };
}

/** The bodies with LINK_PLACEHOLDER replaced: by the link when sending, or by a sentence where the link is hidden. */
export function fillLink<T extends { text: string; html: string }>(email: T, value: string): T {
  return { ...email, text: email.text.replaceAll(LINK_PLACEHOLDER, value), html: email.html.replaceAll(LINK_PLACEHOLDER, escapeHtml(value)) };
}
