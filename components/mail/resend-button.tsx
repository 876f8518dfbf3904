"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { applyResult } from "@/components/roster/apply-result";
import { Button } from "@/components/ui/button";
import { resendEmail } from "@/lib/mailbox/actions";

/** 「重新发送」 a failed email: it goes back in the queue and the worker tries it afresh. */
export function ResendButton({ emailId }: { emailId: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function resend() {
    setPending(true);
    const result = await resendEmail({ emailId }).finally(() => setPending(false));
    if (applyResult(result)) {
      toast.success("已重新加入发送队列");
      router.refresh();
    }
  }

  return (
    <Button variant="link" disabled={pending} onClick={resend} data-testid="resend">
      {pending ? "正在加入队列…" : "重新发送"}
    </Button>
  );
}
