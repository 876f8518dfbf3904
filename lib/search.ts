// ILIKE patterns from what a person typed: % and _ in a search mean those characters, not wildcards.

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Matches values that contain `text` anywhere. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** Matches values that begin with `text` (codes, action names). */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}
