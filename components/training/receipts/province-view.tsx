// The province's view of a training task's 回执: each reporting unit's submission, and every substitution with its reason.
import { Tag } from "@/components/ui/tag";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import type { ReceiptsPage } from "@/lib/training/receipts/queries";
import { SUBMISSION_STATUS_LABELS } from "@/lib/submissions/status";
import { formatDateTime } from "@/lib/time";

type ProvincePage = Extract<ReceiptsPage, { view: "province" }>;

const STATUS_TONES = { draft: "grey", submitted: "blue", returned: "orange", approved: "green" } as const;

export function ProvinceReceipts({ page }: { page: ProvincePage }) {
  return (
    <div className="flex flex-col gap-6">
      <Card title="各单位回执报送情况">
        <DataTable
          testId="province-receipts"
          minWidth="min-w-[640px]"
          rows={page.reports}
          rowKey={(r) => r.id}
          empty={{ title: "还没有报送单位的回执" }}
          columns={[
            { header: "报送单位", cell: (r) => r.unitName },
            {
              header: "状态",
              cell: (r) => (
                <>
                  <Tag tone={STATUS_TONES[r.status]}>{SUBMISSION_STATUS_LABELS[r.status]}</Tag>
                  {r.late && (
                    <span className="ml-2">
                      <Tag tone="red">逾期</Tag>
                    </span>
                  )}
                </>
              ),
            },
            {
              header: "已完成回执",
              cell: (r) => (
                <>
                  {r.settled} / {r.expected}
                </>
              ),
            },
            { header: "提交时间", cell: (r) => (r.submittedAt ? formatDateTime(r.submittedAt) : "—") },
          ]}
        />
      </Card>
      <Card title={`人员更换（${page.substitutions.length}）`}>
        {page.substitutions.length === 0 ? (
          <p className="text-sm text-slate-500">暂无人员更换：各单位均由审核通过的系统管理员参训。</p>
        ) : (
          <DataTable
            testId="substitutions"
            minWidth="min-w-[640px]"
            rows={page.substitutions}
            rowKey={(s) => s.id}
            empty={{ title: "暂无人员更换" }}
            columns={[
              { header: "单位", cell: (s) => s.unitName },
              { header: "场次", cell: (s) => s.sessionTitle },
              {
                header: "参训人员",
                cell: (s) => (
                  <>
                    {s.name}（{s.position}），{s.phone}
                  </>
                ),
              },
              { header: "更换原因", cell: (s) => s.substituteReason },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
