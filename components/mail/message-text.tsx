/** The text part of an email, with its links clickable (activation and task links are followed from here). */
export function MessageText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s，。；]+)/g);
  return (
    <pre className="font-sans text-sm leading-relaxed whitespace-pre-wrap text-slate-800" data-testid="message-text">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="text-brand-600 underline break-all hover:text-brand-700">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}
