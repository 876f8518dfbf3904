// School years as the notice writes them: 2021学年, its 同比 base the year before. Browser-safe.

/** 2021 → 「2021学年」. */
export function schoolYearLabel(year: number): string {
  return `${year}学年`;
}

/** The years a task or a snapshot may be for: the notice's 2020 and 2021 and a few around them, newest first. */
export function schoolYearChoices(now: Date): number[] {
  const latest = now.getUTCFullYear();
  return Array.from({ length: latest - 2017 }, (_, i) => latest - i);
}
