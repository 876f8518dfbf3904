/** The fields an edit changes, and their values before it: what an edit's audit row records. */
export function changesOf<T extends Record<string, unknown>>(current: T, next: Partial<T>): { changed: (keyof T & string)[]; before: Partial<T> } {
  const changed = (Object.keys(next) as (keyof T & string)[]).filter((k) => next[k] !== current[k]);
  return { changed, before: Object.fromEntries(changed.map((k) => [k, current[k]])) as Partial<T> };
}
