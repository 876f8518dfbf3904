"use client";

import { createContext, useContext, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { revealContacts } from "@/lib/roster/actions";
import type { RevealedContacts } from "@/lib/roster/reveal/commands";
import { ReasonDialog } from "./reason-dialog";

const Revealed = createContext<RevealedContacts | null>(null);
const SetRevealed = createContext<(revealed: RevealedContacts) => void>(() => {});

/** Holds the full values once a reason was given, for every table and line of one submission's page. */
export function ContactRevealProvider({ children }: { children: React.ReactNode }) {
  const [revealed, setRevealed] = useState<RevealedContacts | null>(null);
  return (
    <SetRevealed.Provider value={setRevealed}>
      <Revealed.Provider value={revealed}>{children}</Revealed.Provider>
    </SetRevealed.Provider>
  );
}

/** A row's phone and email as shown: the full ones after 「查看完整信息」, else what the server sent. */
export function useContact<T extends { phone: string; email: string }>(unitId: number, entry: T): T {
  const row = useContext(Revealed)?.rows.find((r) => r.unitId === unitId);
  return row ? { ...entry, phone: row.phone, email: row.email } : entry;
}

export function useRevealed(): RevealedContacts | null {
  return useContext(Revealed);
}

/** 「查看完整信息」: asks for a reason, then shows the masked values of this table in full (audited). */
export function RevealContactsButton({ submissionId }: { submissionId: number }) {
  const revealed = useContext(Revealed);
  const setRevealed = useContext(SetRevealed);
  const { run } = useAction(revealContacts, undefined, { onRefusal: () => {} });
  if (revealed) return <span className="text-xs text-slate-500" data-testid="contacts-revealed">已显示完整信息</span>;
  return (
    <ReasonDialog
      what="查看"
      testId="reveal"
      title="查看完整信息"
      description="本表中其他单位的联系电话和邮箱已部分隐藏。请说明查看完整信息的原因。"
      trigger={<Button data-testid="reveal-open">查看完整信息</Button>}
      onReason={async (reason) => {
        const result = await run({ submissionId, reason });
        if (!result.ok) return result.fieldErrors?.reason ?? result.formError ?? "未能查看，请稍后再试。";
        setRevealed(result.data);
        toast.success("已显示完整信息，本次查看已记入操作日志");
        return null;
      }}
    />
  );
}

/** The 联系电话 and 邮箱 cells of a table row. */
export function ContactCells({ unitId, entry }: { unitId: number; entry: { phone: string; email: string } }) {
  const { phone, email } = useContact(unitId, entry);
  return (
    <>
      <td className="px-3 py-2 font-mono text-xs" data-testid="contact-phone">{phone}</td>
      <td className="px-3 py-2 break-all" data-testid="contact-email">{email}</td>
    </>
  );
}

/** The filler's phone, in full once revealed. */
export function FillerPhone({ phone }: { phone: string | null }) {
  const revealed = useRevealed();
  return <span data-testid="filler-phone-text">{revealed ? revealed.fillerPhone : phone}</span>;
}
