// 分派给学校: a county collecting its schools hands some of their rows on to them (each school fills its own and
// hands it in to the county), by a deadline not later than the county's own.
import { AssignForm } from "./assign-form";
import { DeadlineForm } from "./deadline-form";
import { asFields } from "./delegation-panel";

export function SchoolDelegationPanel({
  submissionId,
  countyDeadline,
  schoolsDeadline,
  freeSchools,
  handedOn,
}: {
  submissionId: number;
  countyDeadline: Date;
  /** The deadline the schools already have, when the county handed rows on. */
  schoolsDeadline: Date | null;
  /** The schools' rows the county fills itself and may still hand on. */
  freeSchools: { id: number; name: string }[];
  handedOn: number;
}) {
  const deadline = asFields(schoolsDeadline ?? countyDeadline);
  return (
    <div className="flex flex-col gap-4" data-testid="school-delegation">
      <p className="text-sm text-slate-600">
        可将所辖学校的行分派给学校自行填写，学校填写后「提交给县级」，由本单位确认后随本单位一并提交给市级。已分派给学校 {handedOn} 所。
      </p>
      {freeSchools.length > 0 && (
        <details className="rounded border border-slate-200 p-3" open={handedOn === 0}>
          <summary className="cursor-pointer text-sm font-medium text-slate-800">分派给学校</summary>
          <div className="mt-3">
            <AssignForm
              submissionId={submissionId}
              groups={[{ county: null, freeSchools: freeSchools.length, delegatedSchools: handedOn }]}
              schools={freeSchools.map((school) => ({ ...school, countyId: null }))}
              defaultDeadline={deadline}
              decider="county"
            />
          </div>
        </details>
      )}
      {handedOn > 0 && (
        <details className="rounded border border-slate-200 p-3">
          <summary className="cursor-pointer text-sm text-slate-800">修改学校截止时间</summary>
          <div className="mt-3">
            <DeadlineForm submissionId={submissionId} current={deadline} decider="county" />
          </div>
        </details>
      )}
    </div>
  );
}
