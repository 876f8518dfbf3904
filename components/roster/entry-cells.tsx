import { cn } from "@/components/ui/cn";

/**
 * The administrator's four cells (姓名, 职务, 联系电话, 邮箱) of a table row, or one cell saying it is
 * empty: the one place the filler's and the reviewer's tables show a person's details.
 */
export function EntryCells({
  entry,
  emptyText,
  emptyClassName,
}: {
  entry: { name: string; position: string; phone: string; email: string } | null;
  emptyText: string;
  emptyClassName: string;
}) {
  if (!entry)
    return (
      <td colSpan={4} className={cn("px-3 py-2", emptyClassName)}>
        {emptyText}
      </td>
    );
  return (
    <>
      <td className="px-3 py-2">{entry.name}</td>
      <td className="px-3 py-2">{entry.position}</td>
      <td className="px-3 py-2 font-mono text-xs">{entry.phone}</td>
      <td className="px-3 py-2 break-all">{entry.email}</td>
    </>
  );
}
