import type { AttachmentInfo } from "@/lib/campaigns/queries";

export function formatSize(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The notice's attachments as download links; `action` renders a control after each (e.g. 删除). */
export function AttachmentList({ campaignId, attachments, action }: { campaignId: number; attachments: AttachmentInfo[]; action?: (a: AttachmentInfo) => React.ReactNode }) {
  return (
    <ul className="flex flex-col gap-1 text-sm" data-testid="attachment-list">
      {attachments.map((a) => (
        <li key={a.id} className="flex flex-wrap items-center gap-3">
          <a href={`/campaigns/${campaignId}/attachments/${a.id}`} className="text-brand-600 hover:underline" data-testid="attachment-link">
            {a.fileName}
          </a>
          <span className="text-slate-500">{formatSize(a.size)}</span>
          {action?.(a)}
        </li>
      ))}
    </ul>
  );
}
