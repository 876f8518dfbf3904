import type { CompletionBar } from "@/lib/dashboard/queries";
import { percent } from "@/lib/dashboard/progress";

/** Rows filled out of rows expected, one bar per city (or per county and school on a city's page). */
export function CompletionChart({ bars }: { bars: CompletionBar[] }) {
  return (
    <ul className="flex flex-col gap-2" data-testid="completion-chart">
      {bars.map((bar) => {
        const filled = percent(bar.rowsFilled, bar.rowsExpected);
        return (
          <li key={bar.label} className="grid grid-cols-[11rem_1fr_12rem] items-center gap-3 text-sm" data-testid="completion-bar">
            <span className="truncate text-slate-700" title={bar.label}>
              {bar.label}
            </span>
            <div
              role="progressbar"
              aria-label={`${bar.label}填报完成度`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={filled}
              className="h-3 overflow-hidden rounded bg-slate-100"
            >
              <div className={filled === 100 ? "h-full bg-green-500" : "h-full bg-brand-500"} style={{ width: `${filled}%` }} />
            </div>
            <span className="text-slate-500 tabular-nums">
              已填 {bar.rowsFilled}/{bar.rowsExpected}（{filled}%）{bar.units > 1 && ` · 已提交 ${bar.done}/${bar.units}`}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
