/** Text a person typed, ending in one full stop whatever they ended it with: 「需重新上传。」 and 「需重新上传」 read alike. */
export function asSentence(text: string): string {
  const trimmed = text.trim().replace(/[。．.，,；;、]+$/u, "");
  return /[！？!?]$/u.test(trimmed) ? trimmed : `${trimmed}。`;
}
