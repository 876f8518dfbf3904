import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DiscrepancyOverviewSection } from "@/components/verification/rules/discrepancy-overview";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { discrepancySeverity, discrepancyState } from "@/db/schema";
import { requirePermission } from "@/lib/auth/current";
import { parseId } from "@/lib/ids";
import { type DiscrepancyFilters, getDiscrepanciesForProvince } from "@/lib/verification/rules/queries";

export const metadata: Metadata = { title: "差异汇总" };

type Search = { rule?: string; severity?: string; state?: string; page?: string };

/** A filter the URL gives, or none when it names nothing known (a hand-edited link shows everything). */
function filtersOf(search: Search): DiscrepancyFilters {
  const oneOf = <T extends string>(values: readonly T[], raw: string | undefined) => values.find((v) => v === raw);
  return {
    ruleId: (search.rule && parseId(search.rule)) || undefined,
    severity: oneOf(discrepancySeverity.enumValues, search.severity),
    state: oneOf(discrepancyState.enumValues, search.state),
    page: (search.page && parseId(search.page)) || 1,
  };
}

/** The province's discrepancies of a verification task: counts by rule, severity and city, and the items by city and school. */
export default async function DiscrepanciesPage({ params, searchParams }: { params: Promise<{ campaignId: string }>; searchParams: Promise<Search> }) {
  const actor = await requirePermission("verification.manage");
  const campaignId = parseId((await params).campaignId);
  const filters = filtersOf(await searchParams);
  const overview = campaignId && (await getDiscrepanciesForProvince({ db: getDb(), actor, campaignId, filters }));
  if (!overview) notFound();
  const { campaign } = overview;
  return (
    <>
      <PageHeader
        crumbs={[{ label: "我的任务", href: "/" }, { label: campaign.docNumber, href: `/verification/${campaign.id}` }, { label: "差异汇总" }]}
        title="差异汇总"
        extra={
          <Link href={`/verification/${campaign.id}/rules`} className={buttonClass("default")} data-testid="rules-link">
            核验规则
          </Link>
        }
      />
      <DiscrepancyOverviewSection overview={overview} filters={filters} path={`/verification/${campaign.id}/discrepancies`} />
    </>
  );
}
