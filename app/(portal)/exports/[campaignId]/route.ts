import { parseId } from "@/lib/ids";
import { exportRoute } from "@/lib/downloads/serve";
import { provinceExport } from "@/lib/xlsx/exports";

/** The province's roster of a campaign: every unit, then one sheet per city-level table (a reason is POSTed for over 50 rows). */
export const { GET, POST } = exportRoute<{ campaignId: string }>("xlsx.export_province", async ({ campaignId }) => {
  const id = parseId(campaignId);
  return id ? provinceExport(id) : null;
});
