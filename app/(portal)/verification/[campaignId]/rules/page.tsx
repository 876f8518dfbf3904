import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RuleForm } from "@/components/verification/rules/rule-form";
import { RunButton } from "@/components/verification/rules/run-button";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { parseId } from "@/lib/ids";
import { formatDateTime } from "@/lib/time";
import { TOLERANT_RULES } from "@/lib/verification/rules/defaults";
import { getRulesForAdmin } from "@/lib/verification/rules/queries";

export const metadata: Metadata = { title: "核验规则" };

/** The province's rules: name, severity, tolerance and whether each runs; 重新核验 applies them to the task. */
export default async function VerificationRulesPage({ params }: { params: Promise<{ campaignId: string }> }) {
  const actor = await requirePermission("verification.manage");
  const campaignId = parseId((await params).campaignId);
  const page = campaignId && (await getRulesForAdmin({ db: getDb(), actor, campaignId }));
  if (!page) notFound();
  const { campaign, rules, lastRunAt } = page;
  return (
    <>
      <PageHeader
        crumbs={[{ label: "我的任务", href: "/" }, { label: campaign.docNumber, href: `/verification/${campaign.id}` }, { label: "核验规则" }]}
        title="核验规则"
        extra={
          <div className="flex flex-wrap items-center gap-2">
            <Link href={`/verification/${campaign.id}/discrepancies`} className={buttonClass("default")} data-testid="discrepancies-link">
              差异汇总
            </Link>
            <RunButton campaignId={campaign.id} />
          </div>
        }
      />
      <Card title="规则" extra={<span className="text-sm text-slate-600">{lastRunAt ? `最近核验：${formatDateTime(lastRunAt)}` : "尚未核验"}</span>}>
        <p className="mb-4 text-sm text-slate-600">
          规则为本省各核验任务共用。「错误」须在源系统更正后方可确认，「提示」须填写情况说明。修改规则后，请点击「重新核验」按新规则生成差异。
        </p>
        <div className="flex flex-col gap-4">
          {rules.map((r) => (
            <RuleForm
              key={r.id}
              rule={{
                id: r.id,
                code: r.code,
                name: r.name,
                severity: r.severity,
                tolerance: r.tolerance,
                tolerant: TOLERANT_RULES.has(r.code),
                enabled: r.enabled,
                version: r.version,
                updated: r.version > 1 ? `修改于 ${formatDateTime(r.updatedAt)}` : null,
              }}
            />
          ))}
        </div>
      </Card>
    </>
  );
}
