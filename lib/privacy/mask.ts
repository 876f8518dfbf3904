// What a person sees of someone else's contact details (PIPL art. 51, GB/T 35273 §6.2 去标识化展示):
// a phone as 138****8000, an email as z***@sjz.example.cn. The server masks before anything reaches
// the browser; the full values travel only to the unit that fills the row, the print sheet, audited
// exports and a reveal with a reason.

/** Keeps the first 3 and the last 4 characters of a phone: 138****8000, 031****5705. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return phone.length <= 2 ? "****" : `${phone.slice(0, 1)}****${phone.slice(-1)}`;
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** Keeps the first character of the local part and the whole domain: z***@sjz.example.cn. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}


/**
 * Who sees a row's phone and email in full: the unit whose row it is, the filler of the submitting unit and the
 * delegate the city gave the row to (who typed or imported it). Everyone else — the province reviewing, a county
 * looking at its schools — sees them masked until they ask with a reason.
 */
export function seesContactOf(
  actor: { unitId: number },
  row: { unitId: number; delegation?: { delegateUnitId: number } | null },
  isSubmissionFiller: boolean,
): boolean {
  return isSubmissionFiller || actor.unitId === row.unitId || row.delegation?.delegateUnitId === actor.unitId;
}

export function maskContact<T extends { phone: string; email: string }>(entry: T): T {
  return { ...entry, phone: maskPhone(entry.phone), email: maskEmail(entry.email) };
}
