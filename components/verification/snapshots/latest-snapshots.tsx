import { TableFrame, headCellClass } from "@/components/ui/data-table";
import type { ReferenceSource } from "@/db/schema";
import { SOURCES } from "@/lib/verification/sources";
import type { SnapshotView } from "@/lib/verification/snapshots/queries";
import { schoolYearLabel } from "@/lib/verification/tasks/years";
import { formatDateTime } from "@/lib/time";

/** Per source, the latest snapshot of each year the task reads, or that there is none yet. */
export function LatestSnapshots({ years, snapshots }: { years: number[]; snapshots: Record<number, Partial<Record<ReferenceSource, SnapshotView>>> }) {
  return (
    <TableFrame
      testId="latest-snapshots"
      minWidth="min-w-[640px]"
      head={
        <>
          <th scope="col" className={headCellClass}>数据来源</th>
          {years.map((y) => (
            <th key={y} scope="col" className={headCellClass}>
              {schoolYearLabel(y)}
            </th>
          ))}
        </>
      }
    >
      {Object.values(SOURCES).map((s) => (
        <tr key={s.source} className="border-t border-slate-100" data-source={s.source}>
          <th scope="row" className="px-3 py-2 text-left font-normal text-slate-700">
            {s.label}
          </th>
          {years.map((y) => {
            const snapshot = snapshots[y]?.[s.source];
            return (
              <td key={y} className="px-3 py-2" data-year={y}>
                {snapshot ? `第 ${snapshot.version} 版，${snapshot.records} 所学校，${formatDateTime(snapshot.importedAt)} 导入` : <span className="text-slate-400">尚未导入</span>}
              </td>
            );
          })}
        </tr>
      ))}
    </TableFrame>
  );
}
