import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { CampaignDetail } from "@/lib/campaigns/queries";
import { contactLine } from "@/lib/campaigns/schemas";
import { AttachmentList } from "./attachment-list";
import { Countdown } from "./countdown";

export function CampaignNotice({ campaign, now }: { campaign: CampaignDetail; now: Date }) {
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <div className="flex flex-col gap-2 text-sm text-slate-700">
          <p>
            {campaign.issuer} · {campaign.docNumber}
          </p>
          <Countdown deadline={campaign.deadline.toISOString()} serverNow={now.toISOString()} />
          {campaign.submissionId && (
            <p className="mt-2">
              <Link href={`/submissions/${campaign.submissionId}`} className={buttonClass("primary")}>
                {campaign.reportingUnitName ? `进入${campaign.reportingUnitName}的报送` : "进入填报"}
              </Link>
            </p>
          )}
        </div>
      </Card>
      <Card title="通知正文">
        <article className="max-w-4xl text-[15px] leading-8 whitespace-pre-line text-slate-800" data-testid="campaign-body">
          {campaign.body}
        </article>
      </Card>
      {campaign.attachments.length > 0 && (
        <Card title="附件">
          <AttachmentList campaignId={campaign.id} attachments={campaign.attachments} />
        </Card>
      )}
      {campaign.contacts.length > 0 && (
        <Card title="联系人">
          <ul className="flex flex-col gap-1 text-sm">
            {campaign.contacts.map((c) => (
              <li key={`${c.role}-${c.name}`}>{contactLine(c)}</li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
