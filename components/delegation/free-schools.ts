"use client";

// The schools 「分派」 may still hand out, as the form needs them: a county's few come with its page (`inline`), the city's
// thousands are asked for group by group as it opens a county, by name as it searches, and all at once for 「选择全部学校」.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import type { FreeSchool } from "@/lib/delegation/groups";

export const DIRECT = "direct";
export const groupKeyOf = (countyId: number | null) => (countyId === null ? DIRECT : String(countyId));

const SEARCH_DELAY_MS = 250;

async function fetchSchools(submissionId: number, params: Record<string, string>): Promise<FreeSchool[] | null> {
  const response = await fetch(`/submissions/${submissionId}/free-schools?${new URLSearchParams(params)}`, { cache: "no-store" });
  if (response.ok) return response.json();
  toast.error("学校名单加载失败，请刷新页面后重试。");
  return null;
}

export function useFreeSchools(submissionId: number, q: string, inline?: FreeSchool[]) {
  const [loaded, setLoaded] = useState<Map<string, FreeSchool[]>>(new Map());
  const [found, setFound] = useState<{ q: string; schools: FreeSchool[] } | null>(null);
  // Each group is asked for once, however often it is opened or found.
  const asked = useRef(new Set<string>());

  const byGroup = useMemo(() => {
    if (!inline) return loaded;
    const groups = new Map<string, FreeSchool[]>();
    for (const school of inline) groups.set(groupKeyOf(school.countyId), [...(groups.get(groupKeyOf(school.countyId)) ?? []), school]);
    return groups;
  }, [inline, loaded]);

  const load = useCallback(
    async (key: string) => {
      if (inline || asked.current.has(key)) return;
      asked.current.add(key);
      const schools = await fetchSchools(submissionId, { county: key });
      if (schools) setLoaded((current) => new Map(current).set(key, schools));
      else asked.current.delete(key);
    },
    [inline, submissionId],
  );

  // A search asks once the person stops typing; a county's schools found by name are listed under it.
  useEffect(() => {
    if (inline || !q) return;
    const timer = setTimeout(async () => {
      const schools = await fetchSchools(submissionId, { q });
      if (schools) setFound({ q, schools });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [inline, q, submissionId]);

  return {
    /** The group's schools, once loaded (always, when inline). */
    ofGroup: (key: string) => (inline ? (byGroup.get(key) ?? []) : byGroup.get(key)),
    load,
    /** The group's schools whose name contains q. */
    matching: (key: string): FreeSchool[] => {
      const source = inline ?? (found?.q === q ? found.schools : []);
      return source.filter((school) => groupKeyOf(school.countyId) === key && school.name.includes(q));
    },
    all: async (): Promise<FreeSchool[]> => inline ?? (await fetchSchools(submissionId, {})) ?? [],
  };
}
