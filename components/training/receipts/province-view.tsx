// The province's view of a training task's 回执: each reporting unit's submission, and every substitution with its reason.
import { Tag } from "@/components/ui/tag";
import { Card } from "@/components/ui/card";
import type { ReceiptsPage } from "@/lib/training/receipts/queries";
import { SUBMISSION_STATUS_LABELS } from "@/lib/submissions/status";
import { formatDateTime } from "@/lib/time";
import { TableHead } from "./table-head";

type ProvincePage = Extract<ReceiptsPage, { view: "province" }>;

const STATUS_TONES = { draft: "grey", submitted: "blue", returned: "orange", approved: "green" } as const;

export function ProvinceReceipts({ page }: { page: ProvincePage }) {
  return (
    <div className="flex flex-col gap-6">
      <Card title="各单位回执报送情况">
        <table className="w-full text-sm" data-testid="province-receipts">
          <TableHead columns={["报送单位", "状态", "已完成回执", "提交时间"]} />
          <tbody>
            {page.reports.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="px-3 py-2">{r.unitName}</td>
                <td className="px-3 py-2">
                  <Tag tone={STATUS_TONES[r.status]}>{SUBMISSION_STATUS_LABELS[r.status]}</Tag>
                  {r.late && (
                    <span className="ml-2">
                      <Tag tone="red">逾期</Tag>
                    </span>
                  )}
                </td>
                <td className="px-3 py-2">
                  {r.settled} / {r.expected}
                </td>
                <td className="px-3 py-2">{r.submittedAt ? formatDateTime(r.submittedAt) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title={`人员更换（${page.substitutions.length}）`}>
        {page.substitutions.length === 0 ? (
          <p className="text-sm text-slate-500">暂无人员更换：各单位均由审核通过的系统管理员参训。</p>
        ) : (
          <table className="w-full text-sm" data-testid="substitutions">
            <TableHead columns={["单位", "场次", "参训人员", "更换原因"]} />
            <tbody>
              {page.substitutions.map((s) => (
                <tr key={s.id} className="border-t border-slate-100">
                  <td className="px-3 py-2">{s.unitName}</td>
                  <td className="px-3 py-2">{s.sessionTitle}</td>
                  <td className="px-3 py-2">
                    {s.name}（{s.position}），{s.phone}
                  </td>
                  <td className="px-3 py-2">{s.substituteReason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
