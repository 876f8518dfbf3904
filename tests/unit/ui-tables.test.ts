import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { pageHref } from "@/components/ui/pager";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Tables that are not lists of the portal, each with why. */
const NOT_LISTS: Record<string, string> = {
  "components/ui/data-table.tsx": "the one list table (DataTable and its frame)",
  "components/print/roster-sheet.tsx": "the printed 《单位系统管理员实名信息表》, laid out as the attachment",
  "components/bulletins/bulletin-document.tsx": "the bulletin's figures, laid out as a printed document",
  "components/bulletins/training-document.tsx": "the training bulletin's figures, laid out as a printed document",
  "components/bulletins/verification-document.tsx": "the verification bulletin's figures, laid out as a printed document",
  "components/xlsx/import-dialog.tsx": "the preview of an uploaded file, inside the import dialog",
};

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".tsx"))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

describe("the portal's tables", () => {
  it("are all drawn by components/ui/data-table.tsx, but for the printed documents and the import preview", () => {
    const withTables = [...sources("components"), ...sources("app")].filter((path) => readFileSync(join(root, path), "utf8").includes("<table"));
    expect(withTables.filter((path) => !(path in NOT_LISTS))).toEqual([]);
  });
});

describe("pageHref", () => {
  const pager = { path: "/audit", params: { q: "张", role: "", status: undefined, page: "3" } };

  it("keeps the other search parameters and names the page", () => {
    expect(pageHref(pager, 2)).toBe("/audit?q=%E5%BC%A0&page=2");
  });

  it("leaves page 1 out, so the first page has the plain address", () => {
    expect(pageHref(pager, 1)).toBe("/audit?q=%E5%BC%A0");
    expect(pageHref({ path: "/admin/users", params: {} }, 1)).toBe("/admin/users");
  });
});
