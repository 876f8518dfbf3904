import { inputClass } from "@/components/ui/field";
import type { UnitKind } from "@/db/schema";

export type UnitChoice = { id: number; name: string; code: string; kind: UnitKind; depth: number };

/** A native select of units, indented by their place in the tree (keyboard and screen reader friendly). */
export function UnitSelect({ choices, placeholder, ...props }: React.ComponentProps<"select"> & { choices: UnitChoice[]; placeholder: string }) {
  return (
    <select className={inputClass} {...props}>
      <option value="">{placeholder}</option>
      {choices.map((u) => (
        <option key={u.id} value={u.id}>
          {"\u3000".repeat(u.depth)}
          {u.name}
        </option>
      ))}
    </select>
  );
}
