import type { Metadata } from "next";
import { SnapshotImport } from "@/components/verification/snapshots/snapshot-import";
import { SnapshotTable } from "@/components/verification/snapshots/snapshot-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { getSnapshotsForAdmin } from "@/lib/verification/snapshots/queries";
import { schoolYearChoices } from "@/lib/verification/tasks/years";

export const metadata: Metadata = { title: "参考数据" };

/** 参考数据: the province's snapshots of each source and school year, every version, and the import of a new one. */
export default async function SnapshotsPage() {
  const actor = await requirePermission("verification.manage");
  const snapshots = await getSnapshotsForAdmin({ db: getDb(), actor });
  return (
    <>
      <PageHeader crumbs={[{ label: "任务管理", href: "/admin/campaigns" }, { label: "参考数据" }]} title="参考数据" extra={<SnapshotImport years={schoolYearChoices(new Date())} />} />
      <Card title="已导入的参考数据">
        <p className="mb-3 text-sm text-slate-600">
          数据核验按各来源、各学年的最新版本逐校比对。同一来源、同一学年再次导入即成为新版本；已导入的版本只读，不能修改或删除；同一文件重复导入不会有任何改变。
        </p>
        <SnapshotTable snapshots={snapshots} />
      </Card>
    </>
  );
}
