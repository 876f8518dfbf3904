import type { Metadata } from "next";
import { UnitCreateForm } from "@/components/admin/unit-create-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { parseId } from "@/lib/ids";
import { getActiveUnitOptions } from "@/lib/registry/queries";
import { isSchoolKind } from "@/lib/registry/schemas";

export const metadata: Metadata = { title: "新增单位" };

export default async function NewUnitPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("units.manage");
  const { parent } = await searchParams;
  const parents = (await getActiveUnitOptions({ db: getDb(), actor })).filter((u) => !isSchoolKind(u.kind));
  const parentId = typeof parent === "string" ? (parseId(parent) ?? undefined) : undefined;
  return (
    <>
      <PageHeader crumbs={[{ label: "单位管理", href: "/admin/units" }, { label: "新增单位" }]} title="新增单位" />
      <Card>
        <UnitCreateForm parents={parents} parentId={parents.some((p) => p.id === parentId) ? parentId : undefined} />
      </Card>
    </>
  );
}
