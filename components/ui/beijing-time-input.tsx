"use client";

import { useState } from "react";
import { cn } from "./cn";
import { inputClass } from "./field";

// Dates and times as the portal writes them (2021年11月26日 17:00), whatever the browser's language: the
// browser's own date and time inputs follow its locale (12/06/2026, 05:00 PM). Values are Beijing wall-clock
// strings, "YYYY-MM-DD", "HH:mm" or "YYYY-MM-DDTHH:mm"; the server turns them into instants (lib/time.ts).

export type TimeInputMode = "date" | "time" | "datetime";

type PartsProps = {
  /** The first part's id, for the Field's label. */
  id: string;
  mode: TimeInputMode;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  invalid?: boolean;
  describedBy?: string;
};

const pad = (n: number) => String(n).padStart(2, "0");
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

type Parts = { year: string; month: string; day: string; hour: string; minute: string };

function split(value: string, mode: TimeInputMode): Parts {
  const [date, time] = mode === "time" ? ["", value] : value.split("T");
  const [year = "", month = "", day = ""] = (date ?? "").split("-");
  const [hour = "", minute = ""] = (time ?? "").split(":");
  return { year, month, day, hour, minute };
}

/** Empty until every part is chosen, so a half-chosen date is never sent as a whole one. */
function join(p: Parts, mode: TimeInputMode): string {
  const date = /^\d{4}$/.test(p.year) && p.month && p.day ? `${p.year}-${p.month}-${p.day}` : "";
  const time = p.hour && p.minute ? `${p.hour}:${p.minute}` : "";
  if (mode === "date") return date;
  if (mode === "time") return time;
  return date && time ? `${date}T${time}` : "";
}

type SelectProps = { label: string; value: string; options: number[]; onChange: (v: string) => void; className?: string; id?: string; "data-testid"?: string } & React.AriaAttributes;

function Select({ label, value, options, onChange, className, ...rest }: SelectProps) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} className={cn(inputClass, "w-auto px-1", className)} {...rest}>
      <option value="">—</option>
      {options.map((n) => (
        <option key={n} value={pad(n)}>
          {pad(n)}
        </option>
      ))}
    </select>
  );
}

/** Controlled: for react-hook-form's Controller. */
export function BeijingTimeParts({ id, mode, value, onChange, testId, invalid, describedBy }: PartsProps) {
  const [parts, setParts] = useState(() => split(value, mode));
  const set = (change: Partial<Parts>) => {
    const next = { ...parts, ...change };
    setParts(next);
    onChange(join(next, mode));
  };
  const aria = { "aria-invalid": invalid || undefined, "aria-describedby": describedBy };
  const days = parts.year && parts.month ? new Date(Number(parts.year), Number(parts.month), 0).getDate() : 31;
  const unit = "text-sm text-slate-600";
  return (
    <div className="flex flex-wrap items-center gap-1" role="group" data-testid={testId}>
      {mode !== "time" && (
        <>
          <input
            id={id}
            aria-label="年"
            inputMode="numeric"
            maxLength={4}
            value={parts.year}
            onChange={(e) => set({ year: e.target.value.replace(/\D/g, "") })}
            className={cn(inputClass, "w-16 px-1 text-center")}
            data-testid={`${testId}-year`}
            {...aria}
          />
          <span className={unit}>年</span>
          <Select label="月" value={parts.month} options={range(1, 12)} onChange={(month) => set({ month })} data-testid={`${testId}-month`} {...aria} />
          <span className={unit}>月</span>
          <Select label="日" value={parts.day} options={range(1, days)} onChange={(day) => set({ day })} data-testid={`${testId}-day`} {...aria} />
          <span className={unit}>日</span>
        </>
      )}
      {mode !== "date" && (
        <>
          <Select id={mode === "time" ? id : undefined} label="时" value={parts.hour} options={range(0, 23)} onChange={(hour) => set({ hour })} className={mode === "datetime" ? "ml-2" : undefined} data-testid={`${testId}-hour`} {...aria} />
          <span className={unit}>:</span>
          <Select label="分" value={parts.minute} options={range(0, 59)} onChange={(minute) => set({ minute })} data-testid={`${testId}-minute`} {...aria} />
        </>
      )}
    </div>
  );
}

/** For a plain GET form: the chosen value travels in a hidden input named `name`. */
export function BeijingTimeInput({ name, defaultValue = "", ...props }: Omit<PartsProps, "value" | "onChange"> & { name: string; defaultValue?: string }) {
  const [value, setValue] = useState(defaultValue);
  return (
    <>
      <BeijingTimeParts {...props} value={value} onChange={setValue} />
      <input type="hidden" name={name} value={value} />
    </>
  );
}
