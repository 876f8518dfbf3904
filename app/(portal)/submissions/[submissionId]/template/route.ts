import { parseId } from "@/lib/ids";
import { exportRoute } from "@/lib/downloads/serve";
import { templateDownload } from "@/lib/xlsx/exports";

/** 「下载模板」: the notice's table with the units the actor's table covers and what is saved for them (a reason is POSTed for over 50 filled rows). */
export const { GET, POST } = exportRoute<{ submissionId: string }>("xlsx.download_template", async ({ submissionId }) => {
  const id = parseId(submissionId);
  return id ? templateDownload(id) : null;
});
