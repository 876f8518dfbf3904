"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { FileUpload } from "@/components/ui/file-upload";
import { SCAN_MAX_BYTES } from "@/lib/roster/schemas";
import { uploadSignInScan } from "@/lib/training/attendance/actions";

/** The signed 签到表, scanned; a new upload replaces the old one. */
export function SignInScanUpload({ sessionId }: { sessionId: number }) {
  const router = useRouter();
  return (
    <FileUpload
      id="sign-in-scan"
      label="签到表扫描件（PDF、JPG 或 PNG，不超过 10 MB）"
      accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
      maxBytes={SCAN_MAX_BYTES}
      testId="sign-in-scan"
      fields={{ sessionId: String(sessionId) }}
      upload={uploadSignInScan}
      onUploaded={() => {
        toast.success("签到表扫描件已上传");
        router.refresh();
      }}
    />
  );
}
