// The password rules, shared by the set-password forms (in the browser) and the server.

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export const PASSWORD_HINT = `至少 ${PASSWORD_MIN_LENGTH} 位，包含大写字母、小写字母、数字、符号中的至少 3 类，且不能是邮箱或单位名称`;

const CLASSES = [/\p{Lu}/u, /\p{Ll}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}\s]/u];

/** Compared without case, spaces and punctuation, so 「Name@Example.com」 still counts as the email. */
function folded(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[\s\p{P}\p{S}]/gu, "");
}

/** What is wrong with a new password, as one sentence, or null when it is acceptable. */
export function passwordProblem(password: string, personal: { email: string; unitName: string }): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位，请加长`;
  if ([...password].length > PASSWORD_MAX_LENGTH) return `密码不能超过 ${PASSWORD_MAX_LENGTH} 位`;
  if (CLASSES.filter((c) => c.test(password)).length < 3) return "密码须包含大写字母、小写字母、数字、符号中的至少 3 类";
  const candidate = folded(password);
  const [localPart] = personal.email.split("@");
  for (const [label, value] of [
    ["邮箱", personal.email],
    ["邮箱", localPart],
    ["单位名称", personal.unitName],
  ] as const) {
    const text = folded(value);
    if (text.length >= 4 && candidate.includes(text)) return `密码不能包含您的${label}，请换一个`;
  }
  return null;
}
