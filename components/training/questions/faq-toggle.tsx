"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { publishFaq, unpublishFaq } from "@/lib/training/questions/actions";

/** 「发布为常见问题」 / 「取消发布」 of an answered question. */
export function FaqToggle({ questionId, version, published }: { questionId: number; version: number; published: boolean }) {
  const router = useRouter();
  const { run, pending } = useAction(published ? unpublishFaq : publishFaq);
  async function toggle() {
    const result = await run({ questionId, expectedVersion: version });
    if (!result.ok) return;
    toast.success(published ? "已取消发布" : "已发布为常见问题");
    router.refresh();
  }
  return (
    <Button onClick={toggle} disabled={pending} data-testid={published ? "faq-unpublish" : "faq-publish"}>
      {published ? "取消发布" : "发布为常见问题"}
    </Button>
  );
}
