"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { resendEmail } from "@/lib/mailbox/actions";

/** 「重新发送」 a failed email: it goes back in the queue and the worker tries it afresh. */
export function ResendButton({ emailId }: { emailId: number }) {
  const router = useRouter();
  const { run, pending } = useAction(resendEmail);

  async function resend() {
    if ((await run({ emailId })).ok) {
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
