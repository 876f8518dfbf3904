"use client";

import { useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";
import { describeRemaining, formatDateTime } from "@/lib/time";

/** Deadline in Beijing time with a live countdown; starts from the server's clock to render identically. */
export function Countdown({ deadline, serverNow }: { deadline: string; serverNow: string }) {
  const end = new Date(deadline);
  const [now, setNow] = useState(() => new Date(serverNow));
  useEffect(() => {
    const tick = () => setNow(new Date());
    tick();
    const timer = setInterval(tick, 30_000);
    return () => clearInterval(timer);
  }, []);
  const remaining = describeRemaining(end, now);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span>截止时间：{formatDateTime(end)}（北京时间）</span>
      <span
        data-testid="countdown"
        className={cn("rounded px-1.5 text-sm", remaining.overdue ? "bg-red-50 text-red-700" : remaining.urgent ? "bg-orange-50 text-orange-700" : "bg-blue-50 text-blue-700")}
      >
        {remaining.text}
      </span>
    </span>
  );
}
