"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { acceptPrivacyNotice } from "@/lib/accounts/actions";

/** 「同意并继续」 for the version shown; a refusal (the text changed meanwhile) is shown above the button. */
export function AcceptNoticeForm({ version }: { version: string }) {
  const router = useRouter();
  const [refusal, setRefusal] = useState<string>();
  const { run, pending } = useAction(acceptPrivacyNotice, undefined, { onRefusal: (r) => setRefusal(r.formError ?? "未能记录，请稍后再试。") });
  return (
    <div className="mt-6 flex flex-col gap-3">
      {refusal && (
        <Notice tone="error" testId="privacy-accept-error">
          {refusal}
        </Notice>
      )}
      <Button
        variant="primary"
        className="h-9"
        disabled={pending}
        data-testid="privacy-accept"
        onClick={async () => {
          if ((await run({ version })).ok) router.replace("/");
        }}
      >
        {pending ? "正在记录…" : "我已阅读并同意，继续"}
      </Button>
    </div>
  );
}
