import { parseId } from "@/lib/ids";
import { exportRoute } from "@/lib/downloads/serve";
import { submissionExport } from "@/lib/xlsx/exports";

/** 「导出」: the table as filled in, laid out as the notice's attachment (a reason is POSTed for over 50 rows). */
export const { GET, POST } = exportRoute<{ submissionId: string }>("xlsx.export_submission", async ({ submissionId }) => {
  const id = parseId(submissionId);
  return id ? submissionExport(id) : null;
});
