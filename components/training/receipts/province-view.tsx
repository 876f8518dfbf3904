// The province's view of a training task's 回执: each reporting unit's submission, and every substitution with its reason.
import { Tag } from "@/components/ui/tag";
import { Card } from "@/components/ui/card";
import type { ReceiptsPage } from "@/lib/training/receipts/queries";
import { SUBMISSION_STATUS_LABELS } from "@/lib/submissions/status";
import { formatDateTime } from "@/lib/time";

type ProvincePage = Extract<ReceiptsPage, { view: "province" }>;

const STATUS_TONES = { draft: "grey", submitted: "blue", returned: "orange", approved: "green" } as const;

export function ProvinceReceipts({ page }: { page: ProvincePage }) {
  return (
    <div className="flex flex-col gap-6">
      <Card title="各单位回执报送情况">
        <table className="w-full text-sm" data-testid="province-receipts">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">报送单位</th>
              <th scope="col" className="px-3 py-2 font-medium">状态</th>
              <th scope="col" className="px-3 py-2 font-medium">已完成回执</th>
              <th scope="col" className="px-3 py-2 font-medium">提交时间</th>
            </tr>
          </thead>
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
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">单位</th>
                <th scope="col" className="px-3 py-2 font-medium">场次</th>
                <th scope="col" className="px-3 py-2 font-medium">参训人员</th>
                <th scope="col" className="px-3 py-2 font-medium">更换原因</th>
              </tr>
            </thead>
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
