"use client";

import { useState } from "react";
import { Field, inputClass } from "@/components/ui/field";
import { ImportDialog } from "@/components/xlsx/import-dialog";
import type { ReferenceSource } from "@/db/schema";
import { SOURCES } from "@/lib/verification/sources";
import { commitSnapshot, previewSnapshot } from "@/lib/verification/snapshots/actions";
import { schoolYearLabel } from "@/lib/verification/tasks/years";

const SOURCE_LIST = Object.values(SOURCES);

/** 导入参考数据: a source's file for a school year, previewed with its column mapping and row errors, then imported whole as the next version. */
export function SnapshotImport({ years }: { years: number[] }) {
  const [source, setSource] = useState<ReferenceSource>("school_codes");
  const [schoolYear, setSchoolYear] = useState(years[0]);
  const definition = SOURCES[source];
  return (
    <ImportDialog
      preview={previewSnapshot}
      commit={commitSnapshot}
      fields={{ source, schoolYear: String(schoolYear) }}
      label="导入参考数据"
      title="导入参考数据"
      description={`请选择从${definition.system}导出的表格。按表头读取各列（列的顺序不限，其他列忽略），表头须有：${definition.fields
        .filter((f) => f.required)
        .map((f) => `「${f.label}」`)
        .join("")}。先「预览」核对，只要有一行有错误，就不会导入任何一行；导入后成为该来源、该学年的新版本，已导入的版本不能修改或删除。`}
      showMapping
    >
      <div className="flex flex-wrap gap-3">
        <Field id="snapshot-source" label="数据来源" className="min-w-56" required>
          <select id="snapshot-source" className={inputClass} value={source} onChange={(e) => setSource(e.target.value as ReferenceSource)} data-testid="snapshot-source">
            {SOURCE_LIST.map((s) => (
              <option key={s.source} value={s.source}>
                {s.label}（{s.system}）
              </option>
            ))}
          </select>
        </Field>
        <Field id="snapshot-year" label="学年" className="min-w-32" required>
          <select id="snapshot-year" className={inputClass} value={schoolYear} onChange={(e) => setSchoolYear(Number(e.target.value))} data-testid="snapshot-year">
            {years.map((y) => (
              <option key={y} value={y}>
                {schoolYearLabel(y)}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </ImportDialog>
  );
}
