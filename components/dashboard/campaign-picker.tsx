import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { DashboardCampaign } from "@/lib/dashboard/queries";

/** Which campaign to follow: a plain GET form, so it works from the keyboard and without JavaScript. */
export function CampaignPicker({ campaigns, currentId }: { campaigns: DashboardCampaign[]; currentId: number }) {
  return (
    <form method="get" action="/dashboard" className="flex items-center gap-2">
      <label htmlFor="campaign" className="text-sm whitespace-nowrap text-slate-600">
        任务
      </label>
      <select id="campaign" name="campaign" defaultValue={currentId} className={`${inputClass} max-w-md`}>
        {campaigns.map((c) => (
          <option key={c.id} value={c.id}>
            {c.docNumber} {c.title}
          </option>
        ))}
      </select>
      <button type="submit" className={buttonClass()}>
        查看
      </button>
    </form>
  );
}
