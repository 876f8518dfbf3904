import { ContactCells } from "@/components/privacy/contact-reveal";
import { cn } from "@/components/ui/cn";

/**
 * The administrator's four cells (姓名, 职务, 联系电话, 邮箱) of a table row, or one cell saying it is
 * empty: the one place the filler's and the reviewer's tables show a person's details. The phone and
 * email come as the server sent them (masked where the reader may not see them) until revealed.
 */
export function EntryCells({
  unitId,
  entry,
  emptyText,
  emptyClassName,
}: {
  unitId: number;
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
      <ContactCells unitId={unitId} entry={entry} />
    </>
  );
}
