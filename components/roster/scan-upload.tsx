"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { FileUpload } from "@/components/ui/file-upload";
import { Notice } from "@/components/ui/notice";
import { uploadScan } from "@/lib/roster/actions";
import { SCAN_MAX_BYTES } from "@/lib/roster/schemas";
import { SCAN_STATE_MESSAGES, type ScanState } from "@/lib/submissions/workflow";
import { useScanState } from "./live";
import { useSubmissionVersion } from "./submission-version";

/** Takes the stamped scan back. */
export function ScanUpload({ submissionId }: { submissionId: number }) {
  const router = useRouter();
  const latest = useSubmissionVersion();
  return (
    <FileUpload
      id="scan-file"
      label="盖章扫描件（PDF、JPG 或 PNG，不超过 10 MB）"
      accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
      maxBytes={SCAN_MAX_BYTES}
      testId="scan"
      fields={{ submissionId: String(submissionId), expectedVersion: String(latest.version) }}
      upload={uploadScan}
      onUploaded={({ version }) => {
        latest.saw(version);
        toast.success("扫描件已上传");
        router.refresh();
      }}
    />
  );
}

/** Why an uploaded scan no longer counts: the table changed after it, or a 「退回」 asked for a new one. */
export function ScanStateNotice({ scan }: { scan: ScanState }) {
  const state = useScanState(scan);
  if (state !== "outdated" && state !== "rejected") return null;
  return (
    <Notice tone="warning" testId="scan-state">
      {SCAN_STATE_MESSAGES[state]}。
    </Notice>
  );
}
