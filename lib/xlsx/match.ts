// Which unit a row of an imported table is about: by school code, then by exact name, then by
// name without spaces and brackets. Units outside the importer's table are found too, only to
// say so on the row.
import type { UnitKind } from "@/db/schema";

export type MatchableUnit = { id: number; name: string; kind: UnitKind; schoolCode: string | null };

export type UnitMatch<U extends MatchableUnit> =
  | { ok: true; unit: U }
  | { ok: false; message: string };

/** 「河北示例工业职业技术学院 (中职部)」 and 「河北示例工业职业技术学院（中职部）」 are the same unit. */
export function looseName(name: string): string {
  return name.normalize("NFKC").replace(/[\s()[\]{}<>【】〔〕《》〈〉「」『』]/g, "");
}

function codeOf(raw: string): string | null {
  const code = raw.normalize("NFKC").replace(/\s+/g, "");
  return /^\d{10}$/.test(code) ? code : null;
}

type Index<U> = { byCode: Map<string, U[]>; byName: Map<string, U[]>; byLoose: Map<string, U[]> };

function indexOf<U extends MatchableUnit>(units: readonly U[]): Index<U> {
  const index: Index<U> = { byCode: new Map(), byName: new Map(), byLoose: new Map() };
  const add = (map: Map<string, U[]>, key: string | null, unit: U) => {
    if (key) map.set(key, [...(map.get(key) ?? []), unit]);
  };
  for (const unit of units) {
    add(index.byCode, unit.schoolCode, unit);
    add(index.byName, unit.name, unit);
    add(index.byLoose, looseName(unit.name), unit);
  }
  return index;
}

/** Matches rows against the units of one table (`scope`), telling apart units that exist elsewhere (`others`). */
export function unitMatcher<U extends MatchableUnit>({ scope, others, scopeName }: { scope: readonly U[]; others: readonly MatchableUnit[]; scopeName: string }) {
  const inScope = indexOf(scope);
  const outside = indexOf(others);
  return ({ unitName, schoolCode }: { unitName: string; schoolCode: string }): UnitMatch<U> => {
    const name = unitName.trim();
    const keys: [keyof Index<U>, string | null][] = [
      ["byCode", codeOf(schoolCode)],
      ["byName", name],
      ["byLoose", looseName(name)],
    ];
    for (const [by, key] of keys) {
      if (!key) continue;
      const found = inScope[by].get(key);
      if (found?.length === 1) return { ok: true, unit: found[0] };
      if (found && found.length > 1) return { ok: false, message: `单位名称：本表中有 ${found.length} 个单位叫「${name}」，请填写学校标识码以区分` };
      const elsewhere = outside[by].get(key);
      if (elsewhere) {
        return { ok: false, message: `单位名称：「${elsewhere[0].name}」不属于${scopeName}的报送范围，请删除这一行，由该单位所属的报送单位填报` };
      }
    }
    if (!name && !codeOf(schoolCode)) return { ok: false, message: "单位名称：请填写单位名称（学校还须填写学校标识码）" };
    return { ok: false, message: `单位名称：未找到「${name || schoolCode.trim()}」，请与「下载模板」中的单位名称或学校标识码核对` };
  };
}
