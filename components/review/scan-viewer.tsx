import type { ScanInfo } from "@/lib/roster/queries";
import { formatDateTime } from "@/lib/time";

/** The stamped scan, opened inline: a PDF in a frame, an image as an image. */
export function ScanViewer({ submissionId, scan }: { submissionId: number; scan: ScanInfo | null }) {
  if (!scan) return <p className="text-sm text-slate-500">未上传扫描件。</p>;
  const url = `/submissions/${submissionId}/scan`;
  return (
    <div className="flex flex-col gap-2 text-sm">
      <p className="text-slate-600">
        <a href={url} target="_blank" className="text-brand-600 hover:underline">
          {scan.fileName}
        </a>
        （{(scan.size / 1024).toFixed(0)} KB，{formatDateTime(scan.uploadedAt)} 上传）
      </p>
      {scan.mimeType === "application/pdf" ? (
        <iframe src={url} title={`盖章扫描件：${scan.fileName}`} className="h-[70vh] w-full rounded border border-slate-200" data-testid="scan-frame" />
      ) : (
        // eslint-disable-next-line @next/next/no-img-element -- a private, per-request file: next/image would cache it
        <img src={url} alt={`盖章扫描件：${scan.fileName}`} className="max-h-[70vh] w-auto rounded border border-slate-200" data-testid="scan-image" />
      )}
    </div>
  );
}
