// Which registration of a session an imported attendance line is: by phone first (a phone only one registrant of the
// session has), then by name and unit. Pure: the preview shows it, the commit recomputes it, the tests pin it.
import { normalizePhone } from "@/lib/roster/rules";
import { looseName } from "@/lib/xlsx/match";

export type Registrant = { id: number; name: string; phone: string; unitName: string };
export type LineIdentity = { name: string; phone: string | null; unitName: string | null };

export type MatchOutcome =
  | { match: "matched"; registrationId: number; by: "phone" | "name" }
  | { match: "ambiguous"; candidates: number[] }
  | { match: "unmatched" };

/** A phone as stored (the roster's canonical form), or its digits when it does not parse. */
export function phoneKey(raw: string): string {
  const phone = normalizePhone(raw);
  return phone.ok ? phone.value : raw.replace(/\D/g, "");
}

/** 「张 三」, 「张三」 and full-width letters are the same name. */
function nameKey(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/**
 * A unit written on a 签到表 names the registrant's unit when one contains the other: 「石家庄市长安区教育局」 and
 * 「长安区教育局」 are the same, as are 「长安区教育局」 and 「长安区」.
 */
function sameUnit(written: string, registered: string): boolean {
  const a = looseName(written);
  const b = looseName(registered);
  return a.length > 0 && (a.includes(b) || b.includes(a));
}

/** Matches lines against the registrations of one session. A line without a unit (a meeting export) is matched by name alone. */
export function attendanceMatcher(registrants: readonly Registrant[]): (line: LineIdentity) => MatchOutcome {
  const byPhone = new Map<string, Registrant[]>();
  for (const r of registrants) {
    const key = phoneKey(r.phone);
    if (key) byPhone.set(key, [...(byPhone.get(key) ?? []), r]);
  }
  return (line) => {
    const phone = line.phone ? phoneKey(line.phone) : "";
    const byThisPhone = phone ? (byPhone.get(phone) ?? []) : [];
    if (byThisPhone.length === 1) return { match: "matched", registrationId: byThisPhone[0].id, by: "phone" };
    const name = nameKey(line.name);
    const unit = line.unitName?.trim();
    const candidates = registrants.filter((r) => nameKey(r.name) === name && (!unit || sameUnit(unit, r.unitName)));
    if (candidates.length === 1) return { match: "matched", registrationId: candidates[0].id, by: "name" };
    if (candidates.length > 1) return { match: "ambiguous", candidates: candidates.map((c) => c.id) };
    return { match: "unmatched" };
  };
}
