import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CommandButton } from "@/components/admin/command-button";
import { UnitEditForm } from "@/components/admin/unit-edit-form";
import { UnitMoveForm } from "@/components/admin/unit-move-form";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Tag } from "@/components/ui/tag";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { parseId } from "@/lib/ids";
import { formatDateTime } from "@/lib/time";
import { deactivateUnit, deleteUnit, reactivateUnit } from "@/lib/registry/actions";
import { getActiveUnitOptions, getUnitById } from "@/lib/registry/queries";
import { isSchoolKind, UNIT_KIND_LABELS } from "@/lib/registry/schemas";

export const metadata: Metadata = { title: "单位详情" };

export default async function UnitPage({ params }: { params: Promise<{ unitId: string }> }) {
  const actor = await requirePermission("units.manage");
  const unitId = parseId((await params).unitId);
  const db = getDb();
  const unit = unitId && (await getUnitById({ db, actor, unitId }));
  if (!unit) notFound();
  const parents = (await getActiveUnitOptions({ db, actor })).filter((u) => !isSchoolKind(u.kind) && u.id !== unit.id);
  const parent = unit.ancestors.at(-1);
  const deletable = unit.parentId !== null && unit.rows === 0 && unit.children === 0 && unit.accounts === 0 && unit.assignments === 0;

  return (
    <>
      <PageHeader
        crumbs={[{ label: "单位管理", href: "/admin/units" }, ...unit.ancestors.map((a) => ({ label: a.name, href: `/admin/units/${a.id}` })), { label: unit.name }]}
        title={unit.name}
        extra={
          !isSchoolKind(unit.kind) &&
          unit.active && (
            <Link href={`/admin/units/new?parent=${unit.id}`} className={buttonClass("default")} data-testid="unit-add-child">
              新增下级单位
            </Link>
          )
        }
      />
      <div className="flex flex-col gap-4">
        <Card title="基本信息" extra={unit.active ? <Tag tone="green">启用</Tag> : <Tag tone="grey">已停用</Tag>}>
          <dl className="mb-5 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
            <div>
              <dt className="text-slate-500">单位类型</dt>
              <dd data-testid="unit-kind-label">
                {UNIT_KIND_LABELS[unit.kind]}
                {unit.provinceAffiliated && "（省属）"}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">上报单位</dt>
              <dd data-testid="unit-parent-name">{parent ? <Link href={`/admin/units/${parent.id}`} className="text-brand-600 hover:underline">{parent.name}</Link> : "（单位树的根）"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">账号 / 已填报行</dt>
              <dd>
                <Link href={`/admin/users?q=${encodeURIComponent(unit.name)}`} className="text-brand-600 hover:underline">
                  {unit.accounts} 个账号
                </Link>
                {" / "}
                {unit.rows} 行（已提交 {unit.reportedRows} 行）
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">最近修改</dt>
              <dd>{formatDateTime(unit.updatedAt)}</dd>
            </div>
          </dl>
          {unit.parentId !== null && <UnitEditForm unit={{ id: unit.id, kind: unit.kind, name: unit.name, code: unit.code, divisionCode: unit.divisionCode }} />}
        </Card>

        {unit.parentId !== null && (
          <Card title="调整上报单位">
            <p className="mb-3 text-sm text-slate-600">上报单位决定本单位的信息由谁汇总报送。选择省教育厅即直接向省里报送（学校则为省属学校）。</p>
            <UnitMoveForm unitId={unit.id} parentId={unit.parentId} parents={parents} />
          </Card>
        )}

        {!isSchoolKind(unit.kind) && (
          <Card title={`下级单位（${unit.childUnits.length}）`}>
            {unit.childUnits.length === 0 ? (
              <p className="text-sm text-slate-500">暂无下级单位。</p>
            ) : (
              <ul className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-3" data-testid="unit-children">
                {unit.childUnits.map((c) => (
                  <li key={c.id}>
                    <Link href={`/admin/units/${c.id}`} className={c.active ? "text-brand-600 hover:underline" : "text-slate-400 hover:underline"}>
                      {c.name}
                    </Link>
                    <span className="ml-1 text-xs text-slate-400">
                      {UNIT_KIND_LABELS[c.kind]}
                      {!c.active && " · 已停用"}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        )}

        {unit.parentId !== null && (
          <Card title="停用与删除">
            <div className="flex flex-col gap-3 text-sm text-slate-600">
              <p>停用后，本单位不再出现在报送表和选择列表中，历史记录保留，可随时重新启用。只有从未被使用过的单位（没有账号、下级单位、报送任务和填报内容）才能删除。</p>
              <div className="flex flex-wrap gap-2">
                {unit.active ? (
                  <CommandButton
                    action={deactivateUnit}
                    input={{ unitId: unit.id }}
                    label="停用单位"
                    success={`已停用：${unit.name}`}
                    testId="unit-deactivate"
                    confirm={{ title: `停用「${unit.name}」？`, description: "停用后，本单位不再出现在各报送表中；其账号仍可登录。可随时重新启用。", confirmLabel: "停用", danger: true }}
                  />
                ) : (
                  <CommandButton action={reactivateUnit} input={{ unitId: unit.id }} label="重新启用" success={`已启用：${unit.name}`} testId="unit-reactivate" />
                )}
                <CommandButton
                  action={deleteUnit}
                  input={{ unitId: unit.id }}
                  label="删除单位"
                  variant="danger"
                  success={`已删除：${unit.name}`}
                  redirectTo={parent ? `/admin/units/${parent.id}` : "/admin/units"}
                  testId="unit-delete"
                  confirm={{
                    title: `删除「${unit.name}」？`,
                    description: deletable ? "删除后不能恢复。" : "该单位已被使用（有账号、下级单位、报送任务或填报内容），系统将拒绝删除，请改为停用。",
                    confirmLabel: "删除",
                    danger: true,
                  }}
                />
              </div>
            </div>
          </Card>
        )}
      </div>
    </>
  );
}
